/**
 * The policy and findings channels (common/findings-view.ts): the Settings editor's file, its
 * save (refused with the problem lines, or as a conflict when the file changed since it was
 * opened), its removal (the same conflict), and the findings as one compact payload per change.
 */
import type { FindingsSnapshot, PolicyView } from '../../common/findings-view'
import type { Services } from '../services'
import { PolicyInvalidError, type PolicyState } from '../services/policy-store'
import type { Handlers } from './dispatcher'

export function policyView(state: PolicyState): PolicyView {
  const text = state.status === 'none' ? null : state.text
  return {
    status: state.status,
    file: state.file,
    readOnly: state.readOnly,
    text,
    policy: state.status === 'ok' ? state.policy : null,
    lines: state.status === 'invalid' ? state.lines : [],
    basedOn: text,
  }
}

export function findingsSnapshot(services: Pick<Services, 'findings'>): FindingsSnapshot {
  const { findings } = services
  const { overall, clients, byRule, policy, flagged, evaluatedAt } = findings.summary()
  return { policy, summary: { overall, clients, byRule }, flagged, evaluatedAt, ...findings.masks() }
}

type PolicyChannels = 'policy:get' | 'policy:save' | 'policy:remove' | 'findings:all' | 'findings:token'

export function policyHandlers(services: Services): Pick<Handlers, PolicyChannels> {
  const { policy, findings } = services
  return {
    'policy:get': () => policyView(policy.state()),
    'policy:save': async (input, basedOn) => {
      try {
        return { saved: true, policy: policyView(await policy.save(input, { basedOn })) }
      } catch (error) {
        if (error instanceof PolicyInvalidError) return { saved: false, lines: error.lines }
        throw error
      }
    },
    'policy:remove': async (basedOn) => policyView(await policy.remove({ basedOn })),
    'findings:all': () => findingsSnapshot(services),
    'findings:token': (id, tokenId) => findings.forKey(id, tokenId),
  }
}
