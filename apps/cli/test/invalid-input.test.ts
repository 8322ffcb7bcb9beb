/**
 * Every bad input: exit 2, a message naming the argument, and nothing sent (the
 * emulator sees zero requests).
 */
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { envFor, requestCount, resetStats, runCli } from "./support/cli.js"

const GOOD = "0123456789abcdef0123456789abcdef"
const ORG = "a087eaf300b349c98706c4ebfb2627fd"
const PROFILE = ["--business-name", "n", "--business-email", "e@x.example", "--business-phone", "1", "--business-address", "a", "--external-metadata", "m"]

/** `cf-accounts get`, `cf-accounts profile set`, or `cf-accounts` for an unknown command. */
const commandOf = (args: ReadonlyArray<string>): string => {
  const [first, second] = args
  if (first === "profile" && (second === "get" || second === "set")) return `cf-accounts profile ${second}`
  return first === "frobnicate" ? "cf-accounts" : `cf-accounts ${first}`
}

const cases: ReadonlyArray<{ readonly name: string; readonly args: ReadonlyArray<string>; readonly names: RegExp }> = [
  { name: "id too short", args: ["get", "0123456789abcdef"], names: /ACCOUNT_ID/ },
  { name: "id too long", args: ["get", `${GOOD}00`], names: /ACCOUNT_ID/ },
  { name: "id not hex", args: ["get", "0123456789abcdef0123456789abcdeg"], names: /ACCOUNT_ID/ },
  { name: "id with a slash", args: ["get", "0123456789abcdef/123456789abcdef"], names: /ACCOUNT_ID/ },
  { name: "id with ..", args: ["delete", "..", "--yes"], names: /ACCOUNT_ID/ },
  { name: "id path traversal", args: ["profile", "get", "../../../user/tokens/verify00000"], names: /ACCOUNT_ID/ },
  { name: "bad id in a batch", args: ["batch-move", "--to", ORG, GOOD, "nope"], names: /ACCOUNT_ID/ },
  { name: "bad id on update", args: ["update", "xyz", "--name", "ok"], names: /ACCOUNT_ID/ },
  { name: "bad id on move", args: ["move", "xyz", "--to", ORG], names: /ACCOUNT_ID/ },
  { name: "bad id on organizations", args: ["organizations", "xyz"], names: /ACCOUNT_ID/ },
  { name: "bad id on profile set", args: ["profile", "set", "xyz", ...PROFILE], names: /ACCOUNT_ID/ },
  { name: "destination with a slash", args: ["move", GOOD, "--to", "a/b"], names: /--to/ },
  { name: "destination with ..", args: ["batch-move", "--to", "..", GOOD], names: /--to/ },
  { name: "empty name", args: ["create", "--name", ""], names: /--name/ },
  { name: "name of 101 characters", args: ["create", "--name", "x".repeat(101)], names: /--name.*100/ },
  { name: "blank name", args: ["update", GOOD, "--name", "   "], names: /--name/ },
  { name: "empty name filter", args: ["list", "--name", ""], names: /--name/ },
  { name: "per_page 4", args: ["list", "--per-page", "4"], names: /--per-page.*5 to 50/ },
  { name: "per_page 51", args: ["list", "--per-page", "51"], names: /--per-page.*5 to 50/ },
  { name: "per_page not a number", args: ["list", "--per-page", "ten"], names: /--per-page/ },
  { name: "page 0", args: ["list", "--page", "0"], names: /--page/ },
  { name: "page 1.5", args: ["list", "--page", "1.5"], names: /--page/ },
  { name: "unknown type", args: ["create", "--name", "ok", "--type", "premium"], names: /--type.*standard.*enterprise/ },
  { name: "unknown direction", args: ["list", "--direction", "up"], names: /--direction/ },
  { name: "bad boolean", args: ["update", GOOD, "--enforce-twofactor", "yes"], names: /--enforce-twofactor/ },
  { name: "bad email", args: ["update", GOOD, "--abuse-contact-email", "not-an-email"], names: /--abuse-contact-email/ },
  { name: "email with a newline", args: ["update", GOOD, "--abuse-contact-email", "ops\n@example.test"], names: /--abuse-contact-email.*whitespace or control/ },
  { name: "email with ESC", args: ["update", GOOD, "--abuse-contact-email", "ops\u001b[2J@example.test"], names: /--abuse-contact-email.*whitespace or control/ },
  { name: "business email with a space", args: ["profile", "set", GOOD, ...PROFILE.slice(0, 2), "--business-email", "ops team@example.test", ...PROFILE.slice(4)], names: /--business-email.*whitespace or control/ },
  { name: "business email without a local part", args: ["profile", "set", GOOD, ...PROFILE.slice(0, 2), "--business-email", "@example.test", ...PROFILE.slice(4)], names: /--business-email.*local part/ },
  { name: "unknown output", args: ["get", GOOD, "-o", "yaml"], names: /--output/ },
  { name: "bad unit id", args: ["create", "--name", "ok", "--unit-id", "a b"], names: /--unit-id/ },
  { name: "unknown flag", args: ["get", GOOD, "--bogus"], names: /--bogus/ },
  { name: "unknown command", args: ["frobnicate"], names: /unknown command 'frobnicate'/ },
  { name: "missing --to", args: ["move", GOOD], names: /--to/ },
  { name: "missing account id", args: ["get"], names: /ACCOUNT_ID/ },
  { name: "--page with --all", args: ["list", "--all", "--page", "2"], names: /--page.*--all/ },
  { name: "update with nothing to change", args: ["update", GOOD], names: /--name/ },
  { name: "profile field too long", args: ["profile", "set", GOOD, ...PROFILE.slice(0, 2), "--business-email", "x".repeat(300), ...PROFILE.slice(4)], names: /--business-email/ },
  { name: "batch concurrency 0", args: ["batch-move", "--one-by-one", "--concurrency", "0", "--to", ORG, GOOD], names: /--concurrency/ }
]

layer(Emulator.layer())("bad input", (it) => {
  // Every case expects zero requests, so they can run at the same time.
  describe.concurrent("each case", () => {
    for (const c of cases) {
      it.effect(`${c.name}: exit 2, names the argument, sends nothing`, () =>
        Effect.gen(function* () {
          const emulator = yield* Emulator
          const r = yield* runCli(c.args, envFor(emulator))
          assert.strictEqual(r.code, 2, `stdout: ${r.stdout} stderr: ${r.stderr}`)
          assert.match(r.stderr, c.names)
          // One line, in the format of every other failure.
          assert.isTrue(r.stderr.startsWith(`${commandOf(c.args)}: `), r.stderr)
          assert.match(r.stderr, /^[^\n]+\n$/)
          assert.strictEqual(r.stdout.includes("{"), false)
          assert.strictEqual(yield* requestCount(emulator.origin), 0)
        }))
    }
  })

  it.effect("a parse error is exactly one line, like a runtime error, with secrets removed", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      const r = yield* runCli(["get", "not-an-account-id"], envFor(emulator))
      assert.strictEqual(r.code, 2)
      assert.strictEqual(
        r.stderr,
        'cf-accounts get: Invalid ACCOUNT_ID: must be exactly 32 hexadecimal characters (got "not-an-account-id")\n'
      )
      const nested = yield* runCli(["profile", "set", GOOD], envFor(emulator))
      assert.strictEqual(nested.code, 2)
      assert.strictEqual(
        nested.stderr,
        "cf-accounts profile set: missing --business-name, --business-email, --business-phone, --business-address (see 'cf-accounts profile set --help')\n"
      )
      // A token pasted where an id belongs is not echoed back.
      const pasted = yield* runCli(["get", emulator.token], envFor(emulator))
      assert.strictEqual(pasted.code, 2)
      assert.notInclude(pasted.stderr, emulator.token)
      assert.match(pasted.stderr, /^cf-accounts get: Invalid ACCOUNT_ID: [^\n]+\n$/)
    }))

  it.effect("missing credentials: exit 2, names the variables, sends nothing", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      yield* resetStats(emulator.origin)
      const r = yield* runCli(["get", GOOD], { CLOUDFLARE_BASE_URL: emulator.url })
      assert.strictEqual(r.code, 2)
      assert.match(r.stderr, /^cf-accounts get: .*CLOUDFLARE_API_TOKEN/)
      assert.strictEqual(yield* requestCount(emulator.origin), 0)
    }))

  it.effect("a number too big to be read exactly is echoed as given, with the flag's real rule", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      yield* resetStats(emulator.origin)
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [["list", "--page", "9007199254740993"], 'cf-accounts list: Invalid --page: must be a whole number from 1 to 9007199254740991 (got "9007199254740993")\n'],
        [["list", "--per-page", "9007199254740993"], 'cf-accounts list: Invalid --per-page: must be a whole number from 5 to 50 (got "9007199254740993")\n'],
        [
          ["batch-move", "--one-by-one", "--concurrency", "-99999999999999999999", "--to", ORG, GOOD],
          'cf-accounts batch-move: Invalid --concurrency: must be a whole number from 1 to 16 (got "-99999999999999999999")\n'
        ]
      ]
      for (const [args, message] of cases) {
        const r = yield* runCli(args, envFor(emulator))
        assert.strictEqual(r.code, 2, args.join(" "))
        assert.strictEqual(r.stderr, message)
      }
      assert.strictEqual(yield* requestCount(emulator.origin), 0)
    }))

  it.effect("a refused base URL: exit 2, sends nothing", () =>
    Effect.gen(function* () {
      const emulator = yield* Emulator
      yield* resetStats(emulator.origin)
      for (const [args, env] of [
        [["get", GOOD, "--base-url", "http://example.com/client/v4"], envFor(emulator)],
        [["get", GOOD, "--base-url", "ftp://127.0.0.1/x"], envFor(emulator)],
        [["get", GOOD, "--base-url", "not a url"], envFor(emulator)],
        [["get", GOOD], { ...envFor(emulator), CLOUDFLARE_BASE_URL: "http://evil.example/client/v4" }]
      ] as const) {
        const r = yield* runCli(args, env)
        assert.strictEqual(r.code, 2, r.stderr)
        assert.match(r.stderr, /Configuration error \((--base-url|CLOUDFLARE_BASE_URL)\)/)
      }
      assert.strictEqual(yield* requestCount(emulator.origin), 0)
    }))
})
