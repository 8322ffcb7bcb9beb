/**
 * The real Stdio service (sanitiser and scrubber included) over in-memory
 * streams, for in-process tests.
 */
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { make, Stdio } from "../../src/Stdio.js"

export const capture = (
  options: { readonly stdoutIsTTY?: boolean; readonly stderrIsTTY?: boolean; readonly secrets?: ReadonlyArray<string> } = {}
) => {
  const out: Array<string> = []
  const err: Array<string> = []
  const stdio = make(
    {
      stdoutIsTTY: options.stdoutIsTTY ?? false,
      stderrIsTTY: options.stderrIsTTY ?? false,
      stdinIsTTY: false,
      out: (text) => Effect.sync(() => void out.push(text)),
      err: (text) => Effect.sync(() => void err.push(text)),
      errSync: (text) => void err.push(text)
    },
    { strong: (options.secrets ?? []).map((secret) => Redacted.make(secret)) }
  )
  return { out, err, stdio, layer: Layer.succeed(Stdio, stdio) }
}
