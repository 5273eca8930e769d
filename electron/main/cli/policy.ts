/**
 * The policy a command judges tokens against: policy.json in the data folder, or `--policy FILE`
 * (read-only, resolved from the caller's directory in run.ts). A file the user named with
 * `--policy`, and any policy `audit` needs, must validate: otherwise the command stops before any
 * vendor call (exit 2) with the policy's problems, one line each, as the policy store gives them.
 */
import type { Policy } from '../../common/policy'
import { revealHidden } from '../../common/visible-text'
import type { CommandContext } from './spec'

export const NO_POLICY = 'No policy: write policy.json in the data folder or pass --policy FILE.'

/**
 * The policy in force, or `'refused'` after saying why on stderr (the command exits 2).
 * `required`: no policy at all is refused too (an audit of nothing is a misconfigured job).
 * Without `--policy` and not required, a data folder's policy.json that does not validate is only
 * a notice (said by run.ts): the list or export still runs, without findings.
 */
export function policyFor(ctx: Pick<CommandContext, 'services' | 'io' | 'options'>, { required }: { required: boolean }): Policy | null | 'refused' {
  const { services, io, options } = ctx
  const state = services.policy.state()
  const strict = required || options.policy !== undefined
  if (state.status === 'ok') return state.policy
  if (state.status === 'none') {
    if (!required) return null
    io.err(`tokendesk: ${NO_POLICY} (${revealHidden(state.file)} does not exist.)\n`)
    return 'refused'
  }
  if (!strict) return null
  const file = revealHidden(state.file)
  if (state.text === null) {
    // Missing, a folder, unreadable, too big: one reason.
    io.err(`tokendesk: The policy ${file} cannot be used: ${revealHidden(state.lines[0] ?? 'it cannot be read')}.\n`)
  } else {
    const n = state.lines.length
    io.err(`tokendesk: The policy ${file} is not valid (${n} ${n === 1 ? 'problem' : 'problems'}); nothing was checked:\n`)
    for (const line of state.lines) io.err(`  ${revealHidden(line)}\n`)
  }
  return 'refused'
}
