/**
 * The process's standard streams, as a service: whether each is a terminal, and
 * writers that never let a secret through and wait when the reader is slow (so
 * `list --all -o ndjson` keeps memory flat however many accounts stream by).
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
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

const secret = (name: string): Effect.Effect<string | undefined> =>
  Config.option(Config.string(name)).pipe(
    Effect.map(Option.getOrUndefined),
    Effect.orElseSucceed(() => undefined)
  )

/**
 * The standard streams of this process. The credentials are read from the
 * configuration (the environment) only to be removed from anything written.
 *
 * @since 0.1.0
 */
export const layer: Layer.Layer<Stdio> = Layer.effect(
  Stdio,
  Effect.gen(function* () {
    const strong = [
      yield* secret("CLOUDFLARE_API_TOKEN"),
      yield* secret("CLOUDFLARE_API_KEY"),
      yield* secret("CLOUDFLARE_API_USER_SERVICE_KEY")
    ]
    const scrubOut = makeScrubber(strong)
    const scrubErr = makeScrubber([...strong, yield* secret("CLOUDFLARE_EMAIL")])
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
)
