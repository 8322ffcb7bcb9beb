/**
 * The CLI composes the client's configuration: credentials read once with the
 * client's reading (`Redacted` from then on), the base URL by the client's rule
 * (an empty `--base-url` or CLOUDFLARE_BASE_URL counts as not given), in dry runs
 * and in requests alike.
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import * as ClientOptions from "@cf-accounts/client/ClientOptions"
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, describe, it, layer } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Inspectable from "effect/Inspectable"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Auth from "../src/Auth.js"
import * as GlobalOptions from "../src/GlobalOptions.js"
import * as Stdio from "../src/Stdio.js"
import { json, resetStats, requestCount, runCli } from "./support/cli.js"

const withEnv = (env: Record<string, string>) => Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

const globalWith = (baseUrl: string | undefined): GlobalOptions.GlobalOptions => ({
  output: Option.none(),
  baseUrl: Option.fromNullable(baseUrl),
  verbose: false
})

const LOOPBACK = "http://127.0.0.1:8787/client/v4"

describe("the base URL: the client's rule", () => {
  const cases: ReadonlyArray<{ readonly flag: string | undefined; readonly variable: string | undefined; readonly expected: string }> = [
    { flag: undefined, variable: undefined, expected: ClientOptions.defaultBaseUrl },
    { flag: undefined, variable: "", expected: ClientOptions.defaultBaseUrl },
    { flag: undefined, variable: "  ", expected: ClientOptions.defaultBaseUrl },
    { flag: "", variable: undefined, expected: ClientOptions.defaultBaseUrl },
    { flag: "", variable: LOOPBACK, expected: LOOPBACK },
    { flag: " ", variable: "", expected: ClientOptions.defaultBaseUrl },
    { flag: LOOPBACK, variable: "", expected: LOOPBACK },
    { flag: `${LOOPBACK}/`, variable: "https://ignored.example", expected: LOOPBACK }
  ]
  for (const { flag, variable, expected } of cases) {
    it.effect(`--base-url ${JSON.stringify(flag)}, CLOUDFLARE_BASE_URL ${JSON.stringify(variable)}: ${expected}, as the client resolves it`, () =>
      Effect.gen(function* () {
        const env = withEnv(variable === undefined ? {} : { CLOUDFLARE_BASE_URL: variable })
        const cli = yield* GlobalOptions.resolveBaseUrl(globalWith(flag)).pipe(env)
        assert.strictEqual(cli, expected)
        // The client given the same override and environment arrives at the same URL.
        const client = yield* ClientOptions.fromConfig({
          baseUrl: yield* GlobalOptions.baseUrlOverride(globalWith(flag)),
          credentials: { _tag: "ApiToken", token: Redacted.make("t") }
        }).pipe(env)
        assert.strictEqual(client.baseUrl, expected)
      }))
  }

  it.effect("a refused --base-url is named as --base-url, a refused variable as CLOUDFLARE_BASE_URL", () =>
    Effect.gen(function* () {
      const flag = yield* Effect.flip(GlobalOptions.resolveBaseUrl(globalWith("http://example.com/")).pipe(withEnv({})))
      assert.deepStrictEqual(flag.variables, ["--base-url"])
      const variable = yield* Effect.flip(
        GlobalOptions.resolveBaseUrl(globalWith("")).pipe(withEnv({ CLOUDFLARE_BASE_URL: "http://example.com/" }))
      )
      assert.deepStrictEqual(variable.variables, ["CLOUDFLARE_BASE_URL"])
    }))
})

describe("a refused base URL is echoed whole, without credentials", () => {
  it.effect("each rule the client applies shows the value given, any user:password@ removed", () =>
    Effect.gen(function* () {
      const token = { CLOUDFLARE_API_TOKEN: "t".repeat(40) }
      const cases: ReadonlyArray<readonly [string, string]> = [
        ["htps://api.example/client/v4", 'must use https:// (got "htps://api.example/client/v4")'],
        ["user:s3cret@api.example/client/v4", 'must use https:// (got "api.example/client/v4")'],
        ["https://user:s3cret@api.example/client/v4", 'must not contain credentials (got "https://api.example/client/v4")'],
        ["http://api.example/client/v4", 'http:// is only allowed for loopback hosts (127.0.0.0/8, ::1, localhost) (got "http://api.example/client/v4")'],
        ["https://api.example/client/v4?x=1", 'must not contain a query or fragment (got "https://api.example/client/v4?x=1")'],
        // No scheme at all: also the URL it may have meant (as before).
        ["api.example/client/v4", 'is not an absolute URL (got "api.example/client/v4": a base URL starts with https://); did you mean "https://api.example/client/v4"?']
      ]
      for (const [given, reason] of cases) {
        const flag = yield* runCli(["list", "--base-url", given], token)
        assert.strictEqual(flag.code, 2, given)
        assert.strictEqual(flag.stderr, `cf-accounts list: Configuration error (--base-url): ${reason}\n`)
        const variable = yield* runCli(["delete", "0123456789abcdef0123456789abcdef", "--dry-run"], { ...token, CLOUDFLARE_BASE_URL: given })
        assert.strictEqual(variable.code, 2, given)
        assert.strictEqual(variable.stderr, `cf-accounts delete: Configuration error (CLOUDFLARE_BASE_URL): ${reason}\n`)
        assert.notInclude(flag.stderr + variable.stderr, "s3cret")
      }
    }))
})

describe("credentials: read once by the client's reading, Redacted from then on", () => {
  const TOKEN = "cfat-config-path-SECRET-1234"
  const KEY = "cfkey-config-path-SECRET-5678"
  const EMAIL = "config.path@secret.example"

  const read = (env: Record<string, string>) => Effect.map(Auth.Auth, (auth) => auth.credentials).pipe(Effect.provide(Auth.layer), withEnv(env))

  it.effect("what Auth holds and what Stdio is given are Redacted: no secret in any rendering of them", () =>
    Effect.gen(function* () {
      for (const env of [{ CLOUDFLARE_API_TOKEN: `${TOKEN}\n` }, { CLOUDFLARE_API_KEY: KEY, CLOUDFLARE_EMAIL: EMAIL }]) {
        const credentials = yield* read(env)
        assert.isTrue(Either.isRight(credentials))
        if (Either.isLeft(credentials)) return
        const secrets = Stdio.secretsOf(credentials.right)
        for (const held of [credentials, credentials.right, secrets]) {
          for (const rendering of [String(held), JSON.stringify(held), Inspectable.toStringUnknown(held)]) {
            for (const secret of [TOKEN, KEY, EMAIL]) assert.notInclude(rendering, secret)
          }
        }
        assert.isTrue([...secrets.strong, ...(secrets.email === undefined ? [] : [secrets.email])].every(Redacted.isRedacted))
      }
    }))

  it.effect("the scrubber removes what the client will send (trimmed), the email from stderr only", () =>
    Effect.gen(function* () {
      const credentials = yield* read({ CLOUDFLARE_API_KEY: ` ${KEY}\n`, CLOUDFLARE_EMAIL: EMAIL })
      assert.isTrue(Either.isRight(credentials))
      if (Either.isLeft(credentials)) return
      const out: Array<string> = []
      const err: Array<string> = []
      const stdio = Stdio.make(
        {
          stdoutIsTTY: false,
          stderrIsTTY: false,
          stdinIsTTY: false,
          out: (text) => Effect.sync(() => void out.push(text)),
          err: (text) => Effect.sync(() => void err.push(text)),
          errSync: (text) => void err.push(text)
        },
        Stdio.secretsOf(credentials.right)
      )
      yield* stdio.out(`key ${KEY} email ${EMAIL}\n`)
      yield* stdio.err(`key ${KEY} email ${EMAIL}\n`)
      assert.deepStrictEqual(out, [`key [REDACTED] email ${EMAIL}\n`])
      assert.deepStrictEqual(err, ["key [REDACTED] email [REDACTED]\n"])
    }))

  it.effect("missing or conflicting credentials are the client's ConfigurationError, kept for the commands that send", () =>
    Effect.gen(function* () {
      const none = yield* read({})
      assert.isTrue(Either.isLeft(none) && none.left.variables.includes("CLOUDFLARE_API_TOKEN"))
      const both = yield* read({ CLOUDFLARE_API_TOKEN: TOKEN, CLOUDFLARE_API_USER_SERVICE_KEY: KEY })
      assert.isTrue(Either.isLeft(both) && both.left.reason.includes("conflicting"))
      if (Either.isLeft(both)) assert.notInclude(both.left.message, TOKEN)
    }))

  it("no CLI source reads a CLOUDFLARE_* variable or unwraps a Redacted, but Stdio's scrubber", () => {
    const src = fileURLToPath(new URL("../src", import.meta.url))
    const files = readdirSync(src, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".ts"))
    assert.isAbove(files.length, 10)
    for (const name of files) {
      const code = readFileSync(join(src, name), "utf8")
      // A name to read starts a string; prose that mentions one (help, docs) does not.
      assert.notMatch(code, /["'`]CLOUDFLARE_/, `${name} names a CLOUDFLARE_* variable to read it itself`)
      assert.notMatch(code, /Config\.(redacted|secret)\(|process\.env/, `${name} reads a secret itself`)
      if (name !== "Stdio.ts") assert.notInclude(code, "Redacted.value", `${name} unwraps a Redacted`)
    }
  })
})

layer(Emulator.layer({ seedAccounts: 1 }))("an empty base URL, end to end", (it) => {
  const GOOD = "0123456789abcdef0123456789abcdef"

  it.effect("dry runs print the URL the client would use: an empty --base-url or CLOUDFLARE_BASE_URL is not given", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const dry = (args: ReadonlyArray<string>, env: Record<string, string>) =>
        Effect.map(runCli(["delete", GOOD, "--dry-run", "-o", "json", ...args], env), (r) => {
          assert.strictEqual(r.code, 0, r.stderr)
          return (json(r) as { url: string }).url
        })
      assert.strictEqual(yield* dry(["--base-url", ""], { CLOUDFLARE_BASE_URL: emulator.url }), `${emulator.url}/accounts/${GOOD}`)
      assert.strictEqual(yield* dry([], { CLOUDFLARE_BASE_URL: "" }), `${ClientOptions.defaultBaseUrl}/accounts/${GOOD}`)
      assert.strictEqual(yield* dry(["--base-url", ""], {}), `${ClientOptions.defaultBaseUrl}/accounts/${GOOD}`)
    }))

  it.effect("a request with an empty --base-url goes to CLOUDFLARE_BASE_URL", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      yield* resetStats(emulator.origin)
      const r = yield* runCli(["list", "-o", "json", "--base-url", ""], {
        CLOUDFLARE_BASE_URL: emulator.url,
        CLOUDFLARE_API_TOKEN: emulator.token
      })
      assert.strictEqual(r.code, 0, r.stderr)
      assert.strictEqual((json(r) as Array<unknown>).length, 1)
      assert.strictEqual(yield* requestCount(emulator.origin), 1)
    }))
})
