/**
 * The real Stdio service (sanitiser and scrubber included) over in-memory
 * streams, for in-process tests.
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { make, Stdio, type Streams } from "../../src/Stdio.js"

export interface MemoryOptions {
  readonly stdoutIsTTY?: boolean
  readonly stderrIsTTY?: boolean
}

/** Raw standard streams that keep what is written; stdin is not a terminal. */
export const memory = (options: MemoryOptions = {}) => {
  const out: Array<string> = []
  const err: Array<string> = []
  const streams: Streams = {
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    stdinIsTTY: false,
    out: (text) => Effect.sync(() => void out.push(text)),
    err: (text) => Effect.sync(() => void err.push(text)),
    errSync: (text) => void err.push(text)
  }
  return { out, err, streams }
}

export const capture = (options: MemoryOptions & { readonly secrets?: ReadonlyArray<string> } = {}) => {
  const { out, err, streams } = memory(options)
  const stdio = make(streams, { strong: (options.secrets ?? []).map((secret) => Redacted.make(secret)) })
  return { out, err, stdio, layer: Layer.succeed(Stdio, stdio) }
}
