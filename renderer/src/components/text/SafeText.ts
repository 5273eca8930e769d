/**
 * Untrusted text (a vendor's name, a user's label) in its own bidi-isolated run (`<bdi dir=auto>`),
 * so it cannot reorder the sentence around it, with every hidden or control character shown as a
 * marker naming its code point. Rendered as text: HTML stays text. A functional component (no
 * instance): the grid renders several per row while scrolling through 50,000 tokens.
 */
import { visibleParts } from '@common/visible-text'
import { h, type FunctionalComponent } from 'vue'

const SafeText: FunctionalComponent<{ text: string; lines?: boolean }> = (props) =>
  h(
    'bdi',
    { class: props.lines ? 'td-safe td-safe--lines' : 'td-safe', dir: 'auto' },
    visibleParts(props.text, { keepLineBreaks: props.lines }).map((p) =>
      'text' in p ? p.text : h('span', { class: 'td-cp', title: `${p.name} (${p.label}): invisible in the original` }, p.label),
    ),
  )
SafeText.props = { text: { type: String, required: true }, lines: Boolean }

export default SafeText
