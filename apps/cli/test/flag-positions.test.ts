/**
 * The flags a command's help shows are accepted in any position (before the
 * command, between a group and its subcommand, between arguments, after the
 * command's own flags); the flags it does not show are refused with exit 2,
 * never silently obeyed: `--version` and `--completions` after a command,
 * @effect/cli's `--wizard` anywhere, and its built-in flags after `--`.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { runCli } from "./support/cli.js"

const ID = "0123456789abcdef0123456789abcdef"
const ORG = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"

describe("flag positions", () => {
  it.effect("-o, --base-url, -v and --log-level take effect wherever they are", () =>
    Effect.gen(function* () {
      // --dry-run needs no credentials, and prints in the format asked for.
      const expected = `${JSON.stringify({
        dry_run: true,
        method: "POST",
        url: `https://example.test/client/v4/accounts/${ID}/move`,
        body: { destination_organization_id: ORG }
      })}\n`
      const base = ["--base-url", "https://example.test/client/v4"]
      for (const args of [
        ["-o", "ndjson", ...base, "move", ID, "--to", ORG, "--dry-run"],
        ["move", "-o", "ndjson", ID, ...base, "--to", ORG, "--dry-run"],
        ["move", ID, "--output=ndjson", "--to", ORG, "-v", ...base, "--dry-run"],
        ["move", ID, "--to", ORG, "--dry-run", "--log-level", "none", ...base, "-o", "ndjson"],
        ["--log-level=none", "-v", "move", ID, "--to", ORG, ...base, "--dry-run", "-o", "ndjson"]
      ]) {
        const r = yield* runCli(args)
        assert.strictEqual(r.code, 0, `${args.join(" ")}: ${r.stderr}`)
        assert.strictEqual(r.stdout, expected, args.join(" "))
      }
    }))

  it.effect("global flags around nested commands and positional arguments are parsed", () =>
    Effect.gen(function* () {
      for (const args of [
        ["get", ID, "-o", "json"],
        ["-o", "json", "get", ID],
        ["profile", "get", ID, "--log-level", "none"],
        ["profile", "-o", "json", "get", ID],
        ["-v", "profile", "--output=json", "get", ID],
        ["list", "--all", "-v", "--per-page", "5"],
        ["batch-move", "--to", ORG, ID, "-o", "json", "00112233445566778899aabbccddeeff"]
      ]) {
        const r = yield* runCli(args)
        // Parsed: the run gets as far as the missing credentials.
        assert.strictEqual(r.code, 2)
        assert.include(r.stderr, "no credentials", args.join(" "))
      }
    }))

  it.effect("global flags with no command after them: the commands to choose from", () =>
    Effect.gen(function* () {
      const group = yield* runCli(["profile", "-o", "json"])
      assert.strictEqual(group.code, 2)
      assert.strictEqual(group.stderr, "cf-accounts profile: missing command for 'cf-accounts profile': use one of 'get', 'set'\n")
      const root = yield* runCli(["-o", "json"])
      assert.strictEqual(root.code, 2)
      assert.include(root.stderr, "cf-accounts: missing command: use one of 'list', ")
      // A mistyped command after global flags is the mistake reported.
      const typo = yield* runCli(["-o", "json", "lst"])
      assert.strictEqual(typo.code, 2)
      assert.include(typo.stderr, "unknown command 'lst' (did you mean 'list'?)")
      const show = yield* runCli(["profile", "show", ID])
      assert.strictEqual(show.code, 2)
      assert.strictEqual(show.stderr, "cf-accounts profile: unknown command 'show' for 'cf-accounts profile'; use one of 'get', 'set'\n")
    }))

  it.effect("a mistyped flag after the command, nested or not, gets the nearest flag; a far-off one gets none", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [["list", "--nmae", "x"], "cf-accounts list: unknown option '--nmae' (did you mean '--name'?)\n"],
        [
          ["profile", "set", ID, ...["--business-name", "A", "--business-email", "a@example.com", "--business-phone", "1", "--business-address", "B"], "--business-nam", "x"],
          "cf-accounts profile set: unknown option '--business-nam' (did you mean '--business-name'?)\n"
        ],
        // Near a required flag, the parser words it its own way; said the same way here.
        [["create", "--nme", "x"], "cf-accounts create: unknown option '--nme' (did you mean '--name'?)\n"],
        [["get", ID, "--verbos"], "cf-accounts get: unknown option '--verbos' (did you mean '--verbose'?)\n"],
        [["get", ID, "--frobnicate"], "cf-accounts get: unknown option '--frobnicate'\n"],
        // A command's own flag before the command, and one near a flag of the command line itself.
        [["--name", "x", "list"], "cf-accounts: option '--name' before the command; it goes after it, as in 'cf-accounts list --name'\n"],
        [["--comp", "bash"], "cf-accounts: unknown option '--comp' (did you mean '--completions'?)\n"]
      ]
      for (const [args, message] of cases) {
        const r = yield* runCli(args)
        assert.strictEqual(r.code, 2, args.join(" "))
        assert.strictEqual(r.stderr, message)
      }
    }))

  it.effect("a flag repeated, or without its value: exit 2 saying which (not 'unknown', nor 'did you mean' itself)", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [["list", "--per-page"], "cf-accounts list: --per-page needs a value (see 'cf-accounts list --help')\n"],
        [["profile", "get", ID, "-o"], "cf-accounts profile get: -o needs a value (see 'cf-accounts profile get --help')\n"],
        [["list", "-v", "--verbose"], "cf-accounts list: '--verbose' or '-v' may be given only once\n"],
        [["move", ID, "--to", ORG, "--to", ORG], "cf-accounts move: '--to' may be given only once\n"],
        // The command line's own: a second one would reach @effect/cli, which obeys it silently.
        [["list", "--log-level", "none", "--log-level", "debug"], "cf-accounts: '--log-level' may be given only once\n"],
        [["--completions", "bash", "--completions", "zsh"], "cf-accounts: '--completions' may be given only once\n"]
      ]
      for (const [args, message] of cases) {
        const r = yield* runCli(args)
        assert.strictEqual(r.code, 2, args.join(" "))
        assert.strictEqual(r.stdout, "", args.join(" "))
        assert.strictEqual(r.stderr, message)
      }
    }))

  it.effect("flags a command's help does not show are refused: exit 2, nothing printed or run", () =>
    Effect.gen(function* () {
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
        [["list", "--version"], "cf-accounts list: unknown option '--version'; it is an option of cf-accounts itself, as in 'cf-accounts --version'"],
        [["profile", "get", ID, "--version"], "cf-accounts profile get: unknown option '--version'"],
        [["get", ID, "--completions", "bash"], "cf-accounts get: unknown option '--completions'"],
        [["--wizard"], "cf-accounts: unknown option '--wizard'"],
        [["list", "--wizard"], "cf-accounts list: unknown option '--wizard'"],
        [["get", ID, "--", "--help"], "cf-accounts get: unexpected argument '--help' after '--'"],
        [["get", ID, "--", "--version"], "cf-accounts get: unexpected argument '--version' after '--'"]
      ]
      for (const [args, message] of cases) {
        const r = yield* runCli(args, { CLOUDFLARE_API_TOKEN: "t".repeat(40) })
        assert.strictEqual(r.code, 2, args.join(" "))
        assert.strictEqual(r.stdout, "", args.join(" "))
        assert.include(r.stderr, message)
      }
    }))
})
