/* global process */
// Preloaded into a measured process (node -r): on exit, its peak resident memory on stderr.
process.on('exit', () => process.stderr.write(`\ntokendesk-bench maxRSS ${process.resourceUsage().maxRSS}\n`))
