/**
 * Reference A: a virtual list in bare DOM. A pool of row elements, each built once with its nine
 * cells; scrolling moves rows and sets their text. No framework, no reactivity.
 */
import { gridSize, loadData, ROW, rowCells, textFilter, type RefToken } from './rows'

const HEAD = ['', 'Token', 'Scope', 'Created by', 'Created', 'Last access', 'Expires', 'Status', 'Connection']
const OVERSCAN = 6

function el(tag: string, cls: string, parent: HTMLElement): HTMLElement {
  const e = document.createElement(tag)
  e.className = cls
  parent.append(e)
  return e
}

interface Row {
  root: HTMLElement
  check: HTMLInputElement
  name: HTMLElement
  id: HTMLElement
  cells: HTMLElement[]
  status: HTMLElement
  expired: HTMLElement
  provider: HTMLElement
  connection: HTMLElement
}

const data = await loadData()
const cellsOf = rowCells(data)
const filter = textFilter(data.tokens)
let rows: RefToken[] = data.tokens

const bar = el('div', 'bar', document.body)
const search = el('input', '', bar) as HTMLInputElement
search.dataset.testid = 'search'
search.placeholder = 'Search'
const count = el('span', 'muted', bar)
count.dataset.testid = 'row-count'
const grid = el('div', 'td-grid', document.body)
Object.assign(grid.style, gridSize())
const head = el('div', 'td-grid__head', grid)
for (const h of HEAD) el('div', 'td-grid__cell', head).textContent = h
const body = el('div', 'td-grid__body', grid)
body.dataset.testid = 'token-rows'
const spacer = el('div', 'td-grid__spacer', body)
const pool: Row[] = []

function makeRow(): Row {
  const root = el('div', 'td-grid__row', spacer)
  const check = el('input', '', el('div', 'td-grid__cell', root)) as HTMLInputElement
  check.type = 'checkbox'
  const token = el('div', 'td-grid__cell', root)
  const name = el('span', 'name', token)
  const id = el('span', 'id', token)
  const cells = [0, 1, 2, 3, 4, 5].map(() => el('div', 'td-grid__cell', root))
  const statusCell = el('div', 'td-grid__cell', root)
  const status = el('span', 'badge', statusCell)
  const expired = el('span', 'badge badge--expired', statusCell)
  expired.textContent = 'Expired'
  const conn = el('div', 'td-grid__cell', root)
  const provider = el('span', 'provider', conn)
  const connection = el('span', '', conn)
  return { root, check, name, id, cells, status, expired, provider, connection }
}

function render(): void {
  const first = Math.max(0, Math.floor(body.scrollTop / ROW) - OVERSCAN)
  const last = Math.min(rows.length, Math.ceil((body.scrollTop + body.clientHeight) / ROW) + OVERSCAN)
  while (pool.length < last - first) pool.push(makeRow())
  for (let i = 0; i < pool.length; i++) {
    const row = pool[i]!
    const t = rows[first + i]
    row.root.hidden = !t
    if (!t) continue
    const c = cellsOf(t)
    row.root.style.transform = `translateY(${(first + i) * ROW}px)`
    row.name.textContent = c.name
    row.id.textContent = c.id
    row.cells[0]!.textContent = c.scope
    row.cells[1]!.textContent = c.creator
    row.cells[2]!.textContent = c.created
    row.cells[3]!.textContent = c.lastUsed
    row.cells[4]!.textContent = c.expires
    row.status.textContent = c.status
    row.expired.hidden = !c.expired
    row.provider.textContent = c.provider
    row.connection.textContent = c.connection
  }
}

function show(list: RefToken[]): void {
  rows = list
  spacer.style.height = `${rows.length * ROW}px`
  count.textContent = rows.length.toLocaleString('en-US')
  render()
}

body.addEventListener('scroll', render, { passive: true })
search.addEventListener('input', () => show(filter(search.value)))
show(rows)
