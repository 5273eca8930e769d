/**
 * The sandbox's RQL subset for MPT: eq, ne, ilike, in, and, or, not over dotted fields.
 * Values may be quoted and are percent-decoded, as the typed builder writes them.
 */

export type RqlNode =
  | { op: 'eq' | 'ne' | 'ilike'; field: string; value: string }
  | { op: 'in'; field: string; values: string[] }
  | { op: 'and' | 'or'; args: RqlNode[] }
  | { op: 'not'; arg: RqlNode }

export class RqlSyntaxError extends Error {}

class Reader {
  pos = 0
  constructor(readonly text: string) {}
  peek(): string {
    return this.text[this.pos] ?? ''
  }
  expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw new RqlSyntaxError(`Expected '${ch}' at ${this.pos}`)
    this.pos++
  }
  word(): string {
    const m = /^[A-Za-z_$][\w.$]*/.exec(this.text.slice(this.pos))
    if (!m) throw new RqlSyntaxError(`Expected a name at ${this.pos}`)
    this.pos += m[0].length
    return m[0]
  }
  /** The value as written (still percent-encoded), without quotes. */
  raw(): string {
    // A quote arrives as `"` or, once a URL layer has encoded it, as `%22`.
    // Values are percent-encoded, so a literal `,` or `)` never occurs inside one: the closing
    // quote is the first quote followed by `,`, `)` or the end.
    for (const quote of ['"', '%22']) {
      if (!this.text.startsWith(quote, this.pos)) continue
      let end = this.text.indexOf(quote, this.pos + quote.length)
      while (end >= 0 && !/^([,)]|$)/.test(this.text.slice(end + quote.length, end + quote.length + 1))) {
        end = this.text.indexOf(quote, end + 1)
      }
      if (end < 0) throw new RqlSyntaxError('Unterminated string')
      const raw = this.text.slice(this.pos + quote.length, end)
      this.pos = end + quote.length
      return raw
    }
    const m = /^[^,()"]*/.exec(this.text.slice(this.pos))!
    this.pos += m[0].length
    return m[0]
  }
  value(): string {
    return decode(this.raw())
  }
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    throw new RqlSyntaxError('Bad percent-encoding')
  }
}

function parseNode(r: Reader): RqlNode {
  const op = r.word()
  r.expect('(')
  let node: RqlNode
  if (op === 'and' || op === 'or') {
    const args = [parseNode(r)]
    while (r.peek() === ',') {
      r.pos++
      args.push(parseNode(r))
    }
    node = { op, args }
  } else if (op === 'not') {
    node = { op, arg: parseNode(r) }
  } else if (op === 'eq' || op === 'ne') {
    const field = r.word()
    r.expect(',')
    node = { op, field, value: r.value() }
  } else if (op === 'ilike') {
    // Kept encoded: only a literal `*` is a wildcard; an encoded %2A is a plain asterisk.
    const field = r.word()
    r.expect(',')
    node = { op, field, value: r.raw() }
  } else if (op === 'in') {
    const field = r.word()
    r.expect(',')
    r.expect('(')
    const values = [r.value()]
    while (r.peek() === ',') {
      r.pos++
      values.push(r.value())
    }
    r.expect(')')
    node = { op, field, values }
  } else {
    throw new RqlSyntaxError(`Unsupported operator '${op}'`)
  }
  r.expect(')')
  return node
}

export function parseRql(text: string): RqlNode {
  const r = new Reader(text)
  const node = parseNode(r)
  if (r.pos !== text.length) throw new RqlSyntaxError(`Unexpected text at ${r.pos}`)
  return node
}

function fieldValue(record: unknown, field: string): unknown[] {
  // Arrays fan out: `modules.name` matches if any module's name matches.
  let values: unknown[] = [record]
  for (const part of field.split('.')) {
    values = values.flatMap((v) => {
      const next = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined
      return Array.isArray(next) ? next : [next]
    })
  }
  return values
}

function likeToRegExp(rawPattern: string): RegExp {
  const body = rawPattern
    .split('*')
    .map((segment) => decode(segment).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${body}$`, 'i')
}

export function matchesRql(node: RqlNode, record: unknown): boolean {
  switch (node.op) {
    case 'and':
      return node.args.every((a) => matchesRql(a, record))
    case 'or':
      return node.args.some((a) => matchesRql(a, record))
    case 'not':
      return !matchesRql(node.arg, record)
    case 'eq':
      return fieldValue(record, node.field).some((v) => String(v) === node.value)
    case 'ne':
      return fieldValue(record, node.field).every((v) => String(v) !== node.value)
    case 'ilike': {
      const re = likeToRegExp(node.value)
      return fieldValue(record, node.field).some((v) => typeof v === 'string' && re.test(v))
    }
    case 'in':
      return fieldValue(record, node.field).some((v) => node.values.includes(String(v)))
  }
}
