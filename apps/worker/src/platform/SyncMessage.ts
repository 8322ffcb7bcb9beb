/**
 * The sync queue's message: one page range of a fanned-out sync.
 */
import * as Schema from "effect/Schema"

export const SyncMessage = Schema.Struct({
  type: Schema.Literal("sync-chunk"),
  syncId: Schema.String,
  chunk: Schema.Int,
  firstPage: Schema.Int,
  lastPage: Schema.Int,
  perPage: Schema.Int
})

export type SyncMessage = typeof SyncMessage.Type
