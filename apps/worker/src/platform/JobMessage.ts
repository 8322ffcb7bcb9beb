/**
 * The jobs queue's message: one account of one job.
 */
import * as Schema from "effect/Schema"

export const JobMessage = Schema.Struct({
  type: Schema.Literal("job-item"),
  jobId: Schema.String,
  accountId: Schema.String
})

export type JobMessage = typeof JobMessage.Type
