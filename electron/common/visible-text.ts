/**
 * Untrusted text (vendor data, user labels) made safe to show: every character that is invisible
 * or acts on the text around it — bidi controls, zero-width and other format characters, C0/C1
 * controls, line separators, blank fillers — becomes a visible marker naming its code point.
 * The window renders the markers as chips inside a bidi-isolated run; the CLI prints them as
 * `<U+202E>`; CSV escapes control characters as `\u{1B}`; JSON escapes them as `\u001b`.
 */

/** What a hidden character is called, for a marker's tooltip. */
const NAMES: Record<number, string> = {
  0x00: 'NULL',
  0x07: 'BELL',
  0x08: 'BACKSPACE',
  0x09: 'TAB',
  0x0a: 'LINE FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x9b: 'CONTROL SEQUENCE INTRODUCER',
  0x9d: 'OPERATING SYSTEM COMMAND',
  0xad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x2800: 'BRAILLE PATTERN BLANK',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
}

/**
 * Controls (Cc), format characters (Cf: bidi controls, zero-width characters, BOM, tags…), line and
 * paragraph separators, lone surrogates, and the letters that draw as nothing (Hangul fillers,
 * braille blank, combining grapheme joiner).
 */
// The class lists combining characters on purpose (they draw as nothing on their own).
// eslint-disable-next-line no-misleading-character-class
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFFA0]/u
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'gu') // eslint-disable-line no-misleading-character-class
const LINE_BREAK = /\r\n|\n/g

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`
}

export function codePointName(cp: number): string {
  const name = NAMES[cp]
  if (name) return name
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return 'control character'
  return 'invisible character'
}

export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN.test(text)
}

export type TextPart = { text: string } | { codePoint: number; label: string; name: string }

/**
 * The text as runs of plain text and markers. `keepLineBreaks`: a line feed (or CR LF) stays a
 * real line break (for descriptions shown as paragraphs); everywhere else it is a marker.
 */
export function visibleParts(text: string, options: { keepLineBreaks?: boolean } = {}): TextPart[] {
  if (!HIDDEN.test(text)) return [{ text }]
  const parts: TextPart[] = []
  let plain = ''
  const chars = options.keepLineBreaks ? text.replace(LINE_BREAK, '\n') : text
  for (const ch of chars) {
    if ((options.keepLineBreaks && ch === '\n') || !HIDDEN.test(ch)) {
      plain += ch
      continue
    }
    if (plain) parts.push({ text: plain })
    plain = ''
    const cp = ch.codePointAt(0)!
    parts.push({ codePoint: cp, label: codePointLabel(cp), name: codePointName(cp) })
  }
  if (plain) parts.push({ text: plain })
  return parts
}

/** A hidden character of a text and where it is: `position` counts characters (code points) from 1, as a person would. */
export interface HiddenCharacter {
  codePoint: number
  label: string
  name: string
  position: number
}

/**
 * Every hidden character of a text with its position — for a field, which cannot show markers
 * inside itself, to say under it what it holds. `keepLineBreaks`: a line feed (or CR LF) is an
 * ordinary line break (multi-line fields), not a hidden character.
 */
export function hiddenCharacters(text: string, options: { keepLineBreaks?: boolean } = {}): HiddenCharacter[] {
  if (!HIDDEN.test(text)) return []
  const found: HiddenCharacter[] = []
  const chars = [...text]
  chars.forEach((ch, i) => {
    const lineBreak = options.keepLineBreaks && (ch === '\n' || (ch === '\r' && chars[i + 1] === '\n'))
    if (lineBreak || !HIDDEN.test(ch)) return
    const cp = ch.codePointAt(0)!
    found.push({ codePoint: cp, label: codePointLabel(cp), name: codePointName(cp), position: i + 1 })
  })
  return found
}

/** The text without its hidden characters (line breaks kept with `keepLineBreaks`): what a field offers to keep. */
export function stripHidden(text: string, options: { keepLineBreaks?: boolean } = {}): string {
  if (!options.keepLineBreaks) return text.replace(HIDDEN_ALL, '')
  return text
    .split(LINE_BREAK)
    .map((line) => line.replace(HIDDEN_ALL, ''))
    .join('\n')
}

/** One line of plain text with every hidden character written as `<U+XXXX>` (terminals, tooltips, messages). */
export function revealHidden(text: string): string {
  return text.replace(HIDDEN_ALL, (ch) => `<${codePointLabel(ch.codePointAt(0)!)}>`)
}

/**
 * Plain text for a sentence the app writes around it (a toast, a tooltip): hidden characters
 * revealed, then wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE so that its direction
 * cannot spill into the sentence. Safe because no bidi control is left inside to unbalance it.
 */
export function isolate(text: string): string {
  return `\u2068${revealHidden(text)}\u2069`
}

const CONTROL_ALL = /[\p{Cc}]/gu

/** For CSV: control characters (C0, DEL, C1, including CR, LF and TAB) as `\u{1B}`; all else exact. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL_ALL, (ch) => `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}`)
}

const JSON_UNSAFE = /[\u007F-\u009F\p{Cf}\u2028\u2029]/gu

/**
 * JSON that is also safe on a terminal: JSON.stringify already escapes C0 controls; this escapes
 * DEL, C1 controls, format characters and line separators too. The parsed data is unchanged.
 */
export function terminalSafeJson(value: unknown, replacer?: (string | number)[] | null, space?: number): string {
  return JSON.stringify(value, replacer ?? null, space).replace(JSON_UNSAFE, (ch) => {
    let escaped = ''
    for (let i = 0; i < ch.length; i++) escaped += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`
    return escaped
  })
}
