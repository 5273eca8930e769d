/**
 * The vendors Tokendesk speaks: one line each. A descriptor (vendors/<vendor>.ts) holds everything
 * both processes know about its vendor; main adds its API client (electron/main/providers/).
 */
import { registryOf, type CreateInputOf, type EditInputOf } from './vendors/descriptor'
import { fynn } from './vendors/fynn'
import { mpt } from './vendors/mpt'
import { prefactor } from './vendors/prefactor'

export const VENDORS = [mpt, fynn, prefactor] as const

type Registered = (typeof VENDORS)[number]
export type ProviderId = Registered['id']

/** Ids in registry order, and each vendor's descriptor by id. */
export const { PROVIDER_IDS, PROVIDERS } = registryOf<ProviderId>(VENDORS)

/** Per-vendor input for creating a token: its create form's fields, tagged with its id. */
export type CreateTokenInput = CreateInputOf<Registered>
/** The input of an edit: the edit form's fields of the vendors whose tokens can be edited. */
export type UpdateTokenInput = EditInputOf<Registered>
