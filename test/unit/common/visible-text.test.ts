/* eslint-disable no-control-regex -- these tests look for raw control characters on purpose */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { escapeControls, hasHiddenCharacters, hiddenCharacters, isolate, revealHidden, stripHidden, terminalSafeJson, visibleParts } from '../../../electron/common/visible-text'

const HOSTILE = {
  rlo: 'Payroll \u202Efdp.exe',
  zwsp: 'Audit\u200Bscript',
  ansi: 'evil\u001b[31mRED\u001b]0;pwned\u0007\u001b[2J',
  c1: 'x\u009b31my',
  bom: '\uFEFFtoken',
  tag: 'flag\u{E0041}',
  filler: 'name\u3164',
}

describe('visible text', () => {
  it('leaves ordinary text, accents, other scripts and emoji alone', () => {
    for (const text of ['Audit script – GitHub Actions', 'Elif Şahin', 'تقرير المبيعات', '日本語', 'CI 🚀', '<img src=x>']) {
      expect(visibleParts(text)).toEqual([{ text }])
      expect(revealHidden(text)).toBe(text)
      expect(hasHiddenCharacters(text)).toBe(false)
    }
  })

  it('makes bidi controls, zero-width, control and filler characters visible, naming the code point', () => {
    expect(visibleParts(HOSTILE.rlo)).toEqual([{ text: 'Payroll ' }, { codePoint: 0x202e, label: 'U+202E', name: 'RIGHT-TO-LEFT OVERRIDE' }, { text: 'fdp.exe' }])
    expect(revealHidden(HOSTILE.zwsp)).toBe('Audit<U+200B>script')
    expect(revealHidden(HOSTILE.ansi)).toBe('evil<U+001B>[31mRED<U+001B>]0;pwned<U+0007><U+001B>[2J')
    expect(revealHidden(HOSTILE.c1)).toBe('x<U+009B>31my')
    expect(revealHidden(HOSTILE.bom)).toBe('<U+FEFF>token')
    expect(revealHidden(HOSTILE.tag)).toBe('flag<U+E0041>')
    expect(revealHidden(HOSTILE.filler)).toBe('name<U+3164>')
    expect(revealHidden('a\nb\tc\u2028d')).toBe('a<U+000A>b<U+0009>c<U+2028>d')
    expect(revealHidden('lone \uD800 surrogate')).toBe('lone <U+D800> surrogate')
  })

  it('keeps line breaks as line breaks in paragraphs when asked', () => {
    expect(visibleParts('one\r\ntwo\n\u202Ethree', { keepLineBreaks: true })).toEqual([{ text: 'one\ntwo\n' }, { codePoint: 0x202e, label: 'U+202E', name: 'RIGHT-TO-LEFT OVERRIDE' }, { text: 'three' }])
  })

  it('never leaves a character that could reorder or hide text, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = revealHidden(text)
        expect(hasHiddenCharacters(shown)).toBe(false)
        const parts = visibleParts(text)
        expect(parts.map((p) => ('text' in p ? p.text : String.fromCodePoint(p.codePoint))).join('')).toBe(text)
      }),
    )
  })

  it('isolates a revealed string for a sentence around it', () => {
    expect(isolate(HOSTILE.rlo)).toBe('\u2068Payroll <U+202E>fdp.exe\u2069')
  })

  it('escapes only control characters for CSV, reversibly for the reader', () => {
    expect(escapeControls(HOSTILE.ansi)).toBe('evil\\u{1B}[31mRED\\u{1B}]0;pwned\\u{7}\\u{1B}[2J')
    expect(escapeControls('a\r\nb')).toBe('a\\u{D}\\u{A}b')
    expect(escapeControls(HOSTILE.rlo)).toBe(HOSTILE.rlo)
  })

  it('writes JSON a terminal cannot act on, that parses back to the same data', () => {
    const data = { names: Object.values(HOSTILE), del: 'a\u007fb', sep: 'x\u2028y' }
    const json = terminalSafeJson(data, null, 2)
    expect(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069\uFEFF]/.test(json.replace(/\n/g, ''))).toBe(false)
    expect(JSON.parse(json)).toEqual(data)
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(JSON.parse(terminalSafeJson({ text }))).toEqual({ text })
      }),
    )
  })
})

describe('hidden characters in a field', () => {
  it('lists each with its position in characters, counted from 1', () => {
    expect(hiddenCharacters('Audit\u200Bscript')).toEqual([{ codePoint: 0x200b, label: 'U+200B', name: 'ZERO WIDTH SPACE', position: 6 }])
    expect(hiddenCharacters('🚀\u202Eab\u0007').map((h) => [h.label, h.position])).toEqual([['U+202E', 2], ['U+0007', 5]])
    expect(hiddenCharacters('plain text, تقرير')).toEqual([])
  })

  it('keeps line breaks of a multi-line field as line breaks, but not other controls', () => {
    expect(hiddenCharacters('one\r\ntwo\nthree\u2028', { keepLineBreaks: true }).map((h) => h.label)).toEqual(['U+2028'])
    expect(hiddenCharacters('one\ntwo').map((h) => h.label)).toEqual(['U+000A'])
  })

  it('strips them (and only them), keeping line breaks when asked', () => {
    expect(stripHidden('Pay\u202Eroll\u200B \u0007bot')).toBe('Payroll bot')
    expect(stripHidden('a\r\nb\u200B\nc', { keepLineBreaks: true })).toBe('a\nb\nc')
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => !hasHiddenCharacters(stripHidden(s)) && hiddenCharacters(stripHidden(s)).length === 0))
  })
})
