/**
 * Reference A: a virtual list in bare DOM. A pool of row elements, each built once with the cells
 * of the columns the project's grid shows; scrolling moves rows and sets their text. No
 * framework, no reactivity.
 */
import { gridLayout, LABELS, loadData, ROW, rowCells, textFilter, type ColumnId, type RefToken, type RowCells } from './rows'

const OVERSCAN = 6

function el(tag: string, cls: string, parent: HTMLElement): HTMLElement {
  const e = document.createElement(tag)
  e.className = cls
  parent.append(e)
  return e
}

/** A pooled row: its element, and per column the setter of that cell's text. */
interface Row {
  root: HTMLElement
  fill: Array<(c: RowCells) => void>
}

const data = await loadData()
const cellsOf = rowCells(data)
const filter = textFilter(data.tokens)
const layout = gridLayout()
let rows: RefToken[] = data.tokens

const bar = el('div', 'bar', document.body)
const search = el('input', '', bar) as HTMLInputElement
search.dataset.testid = 'search'
search.placeholder = 'Search'
const count = el('span', 'muted', bar)
count.dataset.testid = 'row-count'
const grid = el('div', 'td-grid', document.body)
for (const [k, v] of Object.entries(layout.style)) grid.style.setProperty(k, v)
const body = el('div', 'td-grid__body', grid)
body.dataset.testid = 'token-rows'
// The header sticks at the top inside the scroller, as the project's does (style.css).
const head = el('div', 'td-grid__head', body)
for (const id of layout.columns) el('div', 'td-grid__cell', head).textContent = LABELS[id]
const spacer = el('div', 'td-grid__spacer', body)
const pool: Row[] = []

/** One cell of a pooled row, built once; the function sets its text for a token. */
function makeCell(id: ColumnId, root: HTMLElement): (c: RowCells) => void {
  const cell = el('div', 'td-grid__cell', root)
  if (id === 'select') {
    ;(el('input', '', cell) as HTMLInputElement).type = 'checkbox'
    return () => {}
  }
  if (id === 'name' || id === 'connection') {
    const first = el('span', id === 'name' ? 'name' : 'provider', cell)
    const second = el('span', id === 'name' ? 'id' : '', cell)
    return id === 'name'
      ? (c) => {
          first.textContent = c.name
          second.textContent = c.id
        }
      : (c) => {
          first.textContent = c.provider
          second.textContent = c.connection
        }
  }
  if (id === 'status') {
    const status = el('span', 'badge', cell)
    const expired = el('span', 'badge badge--expired', cell)
    expired.textContent = 'Expired'
    return (c) => {
      status.textContent = c.status
      expired.hidden = !c.expired
    }
  }
  return (c) => {
    cell.textContent = c[id]
  }
}

function makeRow(): Row {
  const root = el('div', 'td-grid__row', spacer)
  return { root, fill: layout.columns.map((id) => makeCell(id, root)) }
}

function render(): void {
  // The rows start below the header (ROW px down the scroller).
  const top = Math.max(0, body.scrollTop - ROW)
  const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN)
  const last = Math.min(rows.length, Math.ceil((top + body.clientHeight) / ROW) + OVERSCAN)
  while (pool.length < last - first) pool.push(makeRow())
  for (let i = 0; i < pool.length; i++) {
    const row = pool[i]!
    const t = rows[first + i]
    row.root.hidden = !t
    if (!t) continue
    const c = cellsOf(t)
    row.root.style.transform = `translateY(${(first + i) * ROW}px)`
    for (const fill of row.fill) fill(c)
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
