/**
 * `npm run sandbox -- --tokens 500 --latency 40`: start the fake vendor servers and print how to
 * connect to them. Runs until interrupted.
 */
import { parseArgs } from 'node:util'
import { VENDORS } from './model'
import { startSandbox } from './server'

const { values } = parseArgs({
  options: {
    tokens: { type: 'string', default: '200' },
    latency: { type: 'string', default: '0' },
    accounts: { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
    'keep-alive': { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false },
  },
})
const tokens = Number(values.tokens)
const latencyMs = Number(values.latency)
const accounts = Number(values.accounts)
const keepAliveMs = Number(values['keep-alive'])
if (![tokens, latencyMs, accounts, keepAliveMs].every((n) => Number.isInteger(n) && n >= 0) || accounts < 1) {
  process.stderr.write('Usage: npm run sandbox -- [--tokens N] [--latency MS] [--accounts N] [--seed N] [--keep-alive MS]\n')
  process.exit(2)
}

void startSandbox({
  latencyMs,
  keepAliveMs,
  seed: { tokens, seed: Number(values.seed), accounts: { mpt: accounts, fynn: accounts, prefactor: accounts } },
}).then((sandbox) => {
  const stop = (): void => void sandbox.stop().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  if (values.json) {
    // For scripts (the benchmarks): one line of JSON with what a client needs.
    const accounts = Object.fromEntries(VENDORS.map((v) => [v, sandbox.data[v].map((a) => ({ credential: a.credential, accountId: a.accountId, tokens: a.tokens.length }))]))
    process.stdout.write(`${JSON.stringify({ urls: sandbox.urls, accounts })}\n`)
    return
  }
  const lines = ['Tokendesk sandbox (fake vendor APIs on loopback). Ctrl+C stops it.', '']
  for (const vendor of VENDORS) {
    sandbox.data[vendor].forEach((account, i) => {
      lines.push(`${vendor}${accounts > 1 ? ` #${i + 1}` : ''}`)
      lines.push(`  base URL:   ${sandbox.urls[vendor]}`)
      if (account.accountId) lines.push(`  account id: ${account.accountId}`)
      lines.push(`  credential: ${account.credential}`)
      lines.push(`  tokens:     ${account.tokens.length}`)
    })
  }
  lines.push('', `Latency ${latencyMs} ms per request.`, 'Example:', `  echo '${sandbox.data.fynn[0]!.credential}' | npm run cli -- connections add --provider fynn --label Sandbox --base-url ${sandbox.urls.fynn}`)
  process.stdout.write(`${lines.join('\n')}\n`)
})
