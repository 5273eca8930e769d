/**
 * The command table: every command the CLI has, one entry each (its words, arguments, options,
 * help and handler — spec.ts). Parsing, help and `isCliCommand` read this list; a new command is
 * a new entry here.
 */
import { TOKENS_ANNOTATE } from './annotate'
import { AUDIT } from './audit'
import { CONNECTION_COMMANDS } from './connections'
import { CONNECTIONS_ORPHANS } from './orphans'
import { TOKENS_ROTATE } from './rotate'
import { ROTATIONS_LIST } from './rotations-list'
import type { CommandSpec } from './spec'
import { ACTION_COMMANDS } from './tokens-actions'
import { TOKENS_CREATE, TOKENS_EDIT } from './tokens-create'
import { TOKENS_GET, TOKENS_SECRET } from './tokens-get'
import { EXPORT, TOKENS_LIST } from './tokens-list'
import { REVIEW_MARK, TOKENS_DIFF, TOKENS_INSIGHTS } from './tokens-review'

export const COMMANDS: readonly CommandSpec[] = [
  ...CONNECTION_COMMANDS,
  CONNECTIONS_ORPHANS,
  TOKENS_LIST,
  TOKENS_GET,
  TOKENS_INSIGHTS,
  TOKENS_DIFF,
  TOKENS_CREATE,
  TOKENS_EDIT,
  ...ACTION_COMMANDS,
  TOKENS_SECRET,
  TOKENS_ROTATE,
  TOKENS_ANNOTATE,
  ROTATIONS_LIST,
  REVIEW_MARK,
  EXPORT,
  AUDIT,
]
