/** The CLI's exit codes and its usage error (one short line, exit 2). */

/** `findings`: audit's (a finding at the --fail-on level); the same code as a confirmation answered no. */
export const EXIT = { ok: 0, cancelled: 1, findings: 1, usage: 2, failed: 3, keychain: 4 } as const

export class UsageError extends Error {}

/** The exit codes in words, as every help page ends (README's table says the same). */
export const EXIT_CODES = `Exit codes:
  0  all good (an empty result too)
  1  you answered no at a confirmation; nothing was changed (audit: a finding at the --fail-on level)
  2  usage error (unknown command or option, bad value, no such connection or token, a change
     refused without a terminal to confirm it on and no --yes), or a file or folder the system refuses
  3  a connection or vendor call failed (for a bulk action: at least one token), an offline copy
     was not saved, or something went wrong inside Tokendesk
  4  the keychain is unavailable (with --offline too)
`
