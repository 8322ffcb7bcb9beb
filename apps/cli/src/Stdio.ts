/**
 * The process's standard streams, as a service: whether each is a terminal, and
 * writers that never let a secret or a terminal control through (escape
 * sequences, C0/C1 controls but line feed and tab, bidi overrides are removed
 * from everything written, whoever wrote it) and wait when the reader is slow
 * (so `list --all -o ndjson` keeps memory flat however many accounts stream by).
 *
 * @since 0.1.0
 */
import type * as Credentials from "@cf-accounts/client/Credentials"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { Auth } from "./Auth.js"
import { makeScrubber } from "./internal/scrub.js"
import { sanitize } from "./internal/terminal.js"

/**
 * Standard streams: whether each is a terminal, and writers (add the newline
 * yourself). As raw streams, what {@link make} writes to; as the service, each
 * writer sanitises for the terminal and removes secrets first.
 *
 * @since 0.1.0
 */
export interface Streams {
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
  readonly stdinIsTTY: boolean
  readonly out: (text: string) => Effect.Effect<void>
  readonly err: (text: string) => Effect.Effect<void>
  /** The same as `err`, synchronous: for loggers. */
  readonly errSync: (text: string) => void
}

/**
 * @since 0.1.0
 */
export interface StdioService extends Streams {
  /**
   * Rewrites the current stderr line with `text` (sanitised, secrets removed):
   * the only place a control sequence is written, the CLI's own carriage return
   * and erase-line. For progress lines; `""` just clears the line.
   */
  readonly redrawErrSync: (text: string) => void
}

/**
 * The credentials to remove from what is written: `strong` from both streams,
 * `email` (less secret, but personal) from stderr. `Redacted`: only the scrubber
 * that {@link make} builds sees their values.
 *
 * @since 0.1.0
 */
export interface Secrets {
  readonly strong: ReadonlyArray<Redacted.Redacted<string>>
  readonly email?: Redacted.Redacted<string> | undefined
}

/**
 * What to scrub for the client's resolved credentials.
 *
 * @since 0.1.0
 */
export const secretsOf = (credentials: Credentials.Credentials): Secrets => {
  switch (credentials._tag) {
    case "ApiToken":
      return { strong: [credentials.token] }
    case "ApiKey":
      return { strong: [credentials.key], email: credentials.email }
    case "UserServiceKey":
      return { strong: [credentials.key] }
  }
}

const ERASE_LINE = "\r\u001b[K"

/**
 * The service over `streams`: every text is sanitised for the terminal
 * (escape sequences, controls and bidi overrides removed), then scrubbed of
 * `secrets`, so nothing written can bypass either.
 *
 * @since 0.1.0
 */
export const make = (streams: Streams, secrets: Secrets): StdioService => {
  const strong = secrets.strong.map(Redacted.value)
  const scrubOut = makeScrubber(strong)
  const scrubErr = makeScrubber([...strong, secrets.email === undefined ? undefined : Redacted.value(secrets.email)])
  // Sanitised first: removing a control could otherwise join the pieces of a secret.
  const safeOut = (text: string) => scrubOut(sanitize(text))
  const safeErr = (text: string) => scrubErr(sanitize(text))
  return {
    stdoutIsTTY: streams.stdoutIsTTY,
    stderrIsTTY: streams.stderrIsTTY,
    stdinIsTTY: streams.stdinIsTTY,
    out: (text) => streams.out(safeOut(text)),
    err: (text) => streams.err(safeErr(text)),
    errSync: (text) => streams.errSync(safeErr(text)),
    redrawErrSync: (text) => streams.errSync(`${ERASE_LINE}${safeErr(text).replace(/\n/g, " ")}`)
  }
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
 * The service over `streams`, scrubbed of the credentials {@link Auth} read
 * (nothing to scrub when there are none: then nothing is sent with them).
 *
 * @since 0.1.0
 */
export const layerOf = (streams: Streams): Layer.Layer<Stdio, never, Auth> =>
  Layer.effect(
    Stdio,
    Effect.map(Auth, (auth) =>
      make(streams, Either.match(auth.credentials, { onLeft: (): Secrets => ({ strong: [] }), onRight: secretsOf }))
    )
  )

/**
 * The standard streams of this process.
 *
 * @since 0.1.0
 */
export const processStreams = (): Streams => ({
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  stdinIsTTY: process.stdin.isTTY === true,
  out: (text) => writeTo(process.stdout, text),
  err: (text) => writeTo(process.stderr, text),
  errSync: (text) => {
    process.stderr.write(text)
  }
})
