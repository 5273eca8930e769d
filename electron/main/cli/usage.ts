import { PROVIDER_IDS } from '../../common/providers'

export const EXIT = { ok: 0, usage: 2, failed: 3, keychain: 4 } as const

export class UsageError extends Error {}

export const USAGE = `Usage: tokendesk <command> [options]

Commands:
  connections add --provider ${PROVIDER_IDS.join('|')} --label L [--client C] --base-url URL [--account-id ID] [--no-test]
                        reads the credential as one line from standard input, asks the vendor
                        whether it accepts it (exit 3 and nothing saved if not; --no-test skips
                        the call, e.g. to work offline) and prints the new id
  connections list [--json]
  connections remove <id|label>
  connections test <id|label>
  connections orphans [--json]             keychain entries no connection points to
  connections orphans --reattach [ID…]     put back those a set-aside connections file describes
  connections orphans --delete [ID…]       delete those listed in a set-aside file (or the ids named)
  tokens list [--connection <id|label>] [--client C] [--status S] [--owner O | --no-owner] [--tag T]…
              [--json|--csv] [--offline]   --owner and --tag match the whole name, in any case;
                        several --tag: tokens with every one
  tokens diff [--json] [--offline]          what changed since the last review
  tokens insights [--json] [--connection …] [--client C] [--offline]
  tokens rotate <token> --connection <id|label> [--secret-out FILE | --secret-fd N] [--json]
                        replace a token: a successor with the same attributes is created and its
                        secret saved to the keychain (or written to FILE, created 0600, or to
                        descriptor N; never printed); the old token keeps working until --finish
  tokens rotate <token> --connection … --finish   retire the old token (disable / suspend);
                        again to delete it
  tokens rotate <token> --connection … --undo     remove the successor during the overlap
  tokens annotate <token id> [--connection …] [--owner O] [--notes N] [--tag T]… [--display-name D]
                        keep who owns a token and why, locally (no vendor call); '' clears a field
  tokens annotate --from-csv FILE [--connection …] [--json]
                        import an audit spreadsheet (columns id, connection, owner, tags, notes,
                        display name); reports every row; exit 3 if any row was not taken
  review mark [--offline]                   keep the current inventory as reviewed
  export --format csv|json --out FILE [--connection …] [--client C] [--status S] [--offline]

Options:
  --offline             no network call at all: use the inventory saved by the last refresh
  --data-dir DIR        where Tokendesk keeps its files (or TOKENDESK_DATA_DIR)
  --help                show this help

Exit codes: 0 all good (an empty result too), 2 usage error or a data folder / export file the
system refuses, 3 a connection failed or its offline copy was not saved, 4 keychain unavailable
(with --offline too).
`
