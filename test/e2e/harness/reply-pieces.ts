/**
 * Replies larger than one DevTools message can carry (100 MB) cross the harness in pieces: the
 * invoke answers with `{ "__pieces": id, count }`, and the page asks for each piece. Envelopes
 * always start `{"ok":`, so the marker cannot be mistaken for a reply.
 */
export const PIECES = '__pieces'
export const REPLY_PIECE = 32 * 1024 * 1024
