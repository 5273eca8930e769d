/**
 * A token's name in a sentence, as the grid shows it (tokenText.ts decides which name): the
 * vendor's; the user's display name in italics with the id; or "Unnamed" and the id. Each
 * untrusted run isolated with its hidden characters shown (SafeText). Functional: no instance.
 */
import { hasName } from '@common/token-query'
import { h, type FunctionalComponent } from 'vue'
import { localName, UNNAMED, type NamedToken } from '@/tokenText'
import SafeText from './SafeText'

/** `noId`: where the id has a place of its own beside the name (a list's column). */
const TokenName: FunctionalComponent<{ token: NamedToken; noId?: boolean }> = ({ token, noId }) => {
  if (hasName(token)) return h(SafeText, { text: token.name! })
  const local = localName(token)
  const id = noId ? null : h('span', { class: 'td-mono' }, [h(SafeText, { text: token.id })])
  return local
    ? h('span', { class: 'td-token-name' }, [h('em', { class: 'td-local-name', title: 'Your name for it; the vendor gives none' }, [h(SafeText, { text: local })]), ...(id ? [' (', id, ')'] : [])])
    : h('span', { class: 'td-token-name' }, [h('span', { class: 'td-unnamed' }, UNNAMED), ...(id ? [' ', id] : [])])
}
TokenName.props = { token: { type: Object, required: true }, noId: Boolean }

export default TokenName
