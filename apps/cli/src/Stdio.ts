/**
 * The process's standard streams, as a service: whether each is a terminal, and
 * writers that never let a secret through and wait when the reader is slow (so
 * `list --all -o ndjson` keeps memory flat however many accounts stream by).
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { makeScrubber } from "./internal/scrub.js"

/**
 * @since 0.1.0
 */
export interface StdioService {
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
  readonly stdinIsTTY: boolean
  /** Writes `text` to stdout as is (add the newline yourself). */
  readonly out: (text: string) => Effect.Effect<void>
  /** Writes `text` to stderr, with secrets removed. */
  readonly err: (text: string) => Effect.Effect<void>
  /** The same as {@link err}, synchronous: for loggers and progress lines. */
  readonly errSync: (text: string) => void
}

/**
 * @since 0.1.0
 */
export class Stdio extends Context.Tag("@cf-accounts/cli/Stdio")<Stdio, StdioService>() {}

const writeTo = (stream: NodeJS.WriteStream, text: string): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    if (stream.write(text)) {
      resume(Effect.void)
      return
    }
    // The reader is behind: wait for it instead of buffering without bound.
    stream.once("drain", () => resume(Effect.void))
  })

/**
 * The standard streams of this process. Secrets are read from the environment
 * once, only to be removed from anything written.
 *
 * @since 0.1.0
 */
export const layer: Layer.Layer<Stdio> = Layer.sync(Stdio, () => {
  const env = process.env
  const strong = [env["CLOUDFLARE_API_TOKEN"], env["CLOUDFLARE_API_KEY"], env["CLOUDFLARE_API_USER_SERVICE_KEY"]]
  const scrubOut = makeScrubber(strong)
  const scrubErr = makeScrubber([...strong, env["CLOUDFLARE_EMAIL"]])
  return {
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    out: (text) => writeTo(process.stdout, scrubOut(text)),
    err: (text) => writeTo(process.stderr, scrubErr(text)),
    errSync: (text) => {
      process.stderr.write(scrubErr(text))
    }
  }
})
