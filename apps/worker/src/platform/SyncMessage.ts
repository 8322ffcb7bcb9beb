/**
 * The sync queue's messages: one page range of a fanned-out sync (`sync-chunk`), or one chunk
 * of its deletion check (`deletion-check`: the candidates `first..last` of `sync_candidates`).
 */
import * as Schema from "effect/Schema"

export const SyncChunkMessage = Schema.Struct({
  type: Schema.Literal("sync-chunk"),
  syncId: Schema.String,
  chunk: Schema.Int,
  firstPage: Schema.Int,
  lastPage: Schema.Int,
  perPage: Schema.Int
})

export const DeletionCheckMessage = Schema.Struct({
  type: Schema.Literal("deletion-check"),
  syncId: Schema.String,
  chunk: Schema.Int,
  first: Schema.Int,
  last: Schema.Int
})

export const SyncMessage = Schema.Union(SyncChunkMessage, DeletionCheckMessage)

export type SyncChunkMessage = typeof SyncChunkMessage.Type
export type DeletionCheckMessage = typeof DeletionCheckMessage.Type
export type SyncMessage = typeof SyncMessage.Type

/** The API requests a message stands for: a page each, or a GET per candidate. */
export const cost = (message: SyncMessage): number =>
  message.type === "sync-chunk" ? message.lastPage - message.firstPage + 1 : message.last - message.first + 1
