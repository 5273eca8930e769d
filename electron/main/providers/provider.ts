/**
 * The provider adapter interface. An adapter speaks one vendor's real token API and returns the
 * normalised types of electron/common/tokens.ts. It receives an HTTP client and the connection
 * (with its credential, read from the keychain by the caller); it never touches the keychain.
 * A method exists exactly when its capability is true (test/unit/main/providers/registry.test.ts).
 */
import type { Connection } from '../../common/model'
import type { ProviderId } from '../../common/providers'
import type {
  CapabilityTable,
  CreatedToken,
  CreateTokenInput,
  StateAction,
  Token,
  UpdateTokenInput,
} from '../../common/tokens'
import type { VendorHttp } from './http/vendor-http'

export interface AdapterContext {
  connection: Connection
  credential: string
  http: VendorHttp
  signal?: AbortSignal
}

export interface PageProgress {
  pagesDone: number
  pagesTotal: number
  tokens: number
}

export interface ProviderAdapter {
  readonly id: ProviderId
  readonly capabilities: CapabilityTable
  /** Every token of the connection, all pages, or an error: never a partial list. */
  list(ctx: AdapterContext, onProgress?: (p: PageProgress) => void): Promise<Token[]>
  /** The smallest authenticated call ("Test connection"). */
  probe(ctx: AdapterContext): Promise<void>
  /**
   * The account whose tokens the connection lists, as the vendor reports it for the credential:
   * two connections with the same one are one account connected twice. Null when the vendor does
   * not say; absent for a vendor that never says whose a credential is.
   */
  accountOf?(ctx: AdapterContext): Promise<string | null>
  get?(ctx: AdapterContext, id: string): Promise<Token>
  create?(ctx: AdapterContext, input: CreateTokenInput): Promise<CreatedToken>
  update?(ctx: AdapterContext, id: string, input: UpdateTokenInput): Promise<Token>
  changeState?(ctx: AdapterContext, id: string, action: StateAction): Promise<Token>
  delete?(ctx: AdapterContext, id: string): Promise<void>
  readSecret?(ctx: AdapterContext, id: string): Promise<string | null>
}

export const PAGE_SIZE = 100
