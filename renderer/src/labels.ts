/** Words the window uses in more than one place, so each is said one way. */
import { PROVIDER_IDS, PROVIDERS } from '@common/providers'
import { joinNames } from '@common/vendors/descriptor'

/** Every vendor, as a chooser names it: "A, B or C". */
export const VENDOR_CHOICES = joinNames(PROVIDER_IDS.map((id) => PROVIDERS[id].choiceName))

/** "a" or "an" before a name. */
export function article(name: string): string {
  return /^[aeiou]/i.test(name) ? 'an' : 'a'
}
