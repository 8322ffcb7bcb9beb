/**
 * argv is read once, against the command table: the word after a flag that
 * takes a value is that value whatever it looks like (even a global flag's
 * spelling), so `--dry-run` after it stays a dry run; a switch takes no value;
 * a flag without its value, an argument too many and a mistyped flag are said
 * in the command line's one style, and nothing is sent.
 */
import { Emulator } from "@cf-accounts/emulator/Emulator"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Cli from "../src/Cli.js"
import { envFor, json, requestCount, requestsByRoute, resetStats, runCli } from "./support/cli.js"

layer(Emulator.layer({ seedAccounts: 6 }))("argv read once", (it) => {
  const firstId = (env: Record<string, string>) =>
    Effect.map(runCli(["list", "--per-page", "5", "-o", "json"], env), (r) => (json(r) as Array<{ id: string }>)[0]!.id)

  describe("a global flag's spelling as another flag's value is that value", () => {
    it.effect("create --name -v --dry-run: a dry run of the name \"-v\", nothing sent", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const before = yield* requestCount(emulator.origin)
        const r = yield* runCli(["create", "--name", "-v", "--dry-run", "-o", "json"], env)
        assert.strictEqual(r.code, 0, r.stderr)
        assert.deepStrictEqual(json(r), { dry_run: true, method: "POST", url: `${emulator.url}/accounts`, body: { name: "-v" } })
        assert.include(r.stderr, "dry run: nothing was sent")
        assert.strictEqual(yield* requestCount(emulator.origin), before)
      }))

    it.effect("update ID --name -v --dry-run: a dry run of the rename, no write sent", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* firstId(env)
        const name = emulator.state.account(id)!.name
        yield* resetStats(emulator.origin)
        const r = yield* runCli(["update", id, "--name", "-v", "--dry-run", "-o", "json"], env)
        assert.strictEqual(r.code, 0, r.stderr)
        assert.strictEqual((json(r) as { body: { name: string } }).body.name, "-v")
        // update reads the account first (to send back what it does not change); that read only.
        assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), { "GET /accounts/{account_id}": 1 })
        assert.strictEqual(emulator.state.account(id)!.name, name)
      }))

    it.effect("list --name -o --per-page 5 and list --name -v --per-page 5: the name filter is -o, -v", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        for (const flag of ["-o", "-v"]) {
          const r = yield* runCli(["list", "--name", flag, "--per-page", "5"], env)
          assert.strictEqual(r.code, 0, r.stderr)
          assert.deepStrictEqual(json(r), [], flag)
          assert.strictEqual(r.stderr, "", flag)
          const request = Cli.parse(["list", "--name", flag, "--per-page", "5"])
          assert.strictEqual(request._tag, "Run")
          if (request._tag === "Run") assert.deepStrictEqual(request.words, ["--name", flag, "--per-page", "5"])
        }
      }))
  })

  describe("one style for a flag without its value, an argument too many, a switch given a value", () => {
    it.effect("each says what is wrong and where help is; exit 2 and nothing sent", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const env = envFor(emulator)
        const id = yield* firstId(env)
        const before = yield* requestCount(emulator.origin)
        const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
          [["create", "--name"], "cf-accounts create: --name needs a value (see 'cf-accounts create --help')\n"],
          [["create", "--name", "X", "--type"], "cf-accounts create: --type needs a value (see 'cf-accounts create --help')\n"],
          [["create", "--name", "X", "--unit-id"], "cf-accounts create: --unit-id needs a value (see 'cf-accounts create --help')\n"],
          [["create", "--name", "--", "--dry-run"], "cf-accounts create: --name needs a value (see 'cf-accounts create --help')\n"],
          [["move", id, "--to"], "cf-accounts move: --to needs a value (see 'cf-accounts move --help')\n"],
          [
            ["profile", "set", id, "--business-name"],
            "cf-accounts profile set: --business-name needs a value (see 'cf-accounts profile set --help')\n"
          ],
          [["list", "--name"], "cf-accounts list: --name needs a value (see 'cf-accounts list --help')\n"],
          [["list", "--log-level"], "cf-accounts list: --log-level needs a value (see 'cf-accounts list --help')\n"],
          [["list", "extra"], "cf-accounts list: unexpected argument 'extra' (see 'cf-accounts list --help')\n"],
          [["completion", "bash", "zsh"], "cf-accounts completion: unexpected argument 'zsh' (see 'cf-accounts completion --help')\n"],
          [["create", "--name", "X", "--", "extra"], "cf-accounts create: unexpected argument 'extra' (see 'cf-accounts create --help')\n"],
          [["delete", id, "--yes", "--dry-run=no"], `cf-accounts delete: --dry-run takes no value (got "--dry-run=no"); give it alone to turn it on\n`],
          [["delete", id, "--yes", "--dry-run=false"], `cf-accounts delete: --dry-run takes no value (got "--dry-run=false"); give it alone to turn it on\n`],
          [["delete", id, "--yes", "--dry-run", "false"], `cf-accounts delete: --dry-run takes no value (got "--dry-run false"); give it alone to turn it on\n`],
          [["delete", id, "--yes=no", "--dry-run"], `cf-accounts delete: --yes takes no value (got "--yes=no"); give it alone to turn it on\n`],
          [["list", "--all=false"], `cf-accounts list: --all takes no value (got "--all=false"); give it alone to turn it on\n`],
          [["list", "-v=0"], `cf-accounts list: -v takes no value (got "-v=0"); give it alone to turn it on\n`]
        ]
        for (const [args, message] of cases) {
          const r = yield* runCli(args, env)
          assert.strictEqual(r.code, 2, args.join(" "))
          assert.strictEqual(r.stdout, "", args.join(" "))
          assert.strictEqual(r.stderr, message)
        }
        assert.strictEqual(yield* requestCount(emulator.origin), before)
        assert.isDefined(emulator.state.account(id))
      }))

    it.effect("-o=json is --output json, as --output=json is", () =>
      Effect.gen(function* () {
        const emulator = yield* Emulator
        const r = yield* runCli(["list", "--per-page", "5", "-o=ndjson"], envFor(emulator))
        assert.strictEqual(r.code, 0, r.stderr)
        assert.strictEqual(r.stdout.trim().split("\n").length, 5)
      }))
  })

  describe("did-you-mean offers only flags valid where the word is", () => {
    it.effect("after a command, not --version or --completions; before one, no 'goes after' for flags taken anywhere", () =>
      Effect.gen(function* () {
        const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
          [["list", "--versoin"], "cf-accounts list: unknown option '--versoin'\n"],
          [["list", "--complet", "bash"], "cf-accounts list: unknown option '--complet'\n"],
          [["list", "--log-levle", "none"], "cf-accounts list: unknown option '--log-levle' (did you mean '--log-level'?)\n"],
          [["--outptu", "json", "list"], "cf-accounts: unknown option '--outptu' (did you mean '--output'?)\n"],
          [["profile", "--verbos", "get"], "cf-accounts profile: unknown option '--verbos' (did you mean '--verbose'?)\n"],
          // A command's flag, mistyped before the command: that one does go after it.
          [["--nmae", "x", "list"], "cf-accounts: unknown option '--nmae' (did you mean '--name'?); it goes after the command, as in 'cf-accounts list --name'\n"]
        ]
        for (const [args, message] of cases) {
          const r = yield* runCli(args)
          assert.strictEqual(r.code, 2, args.join(" "))
          assert.strictEqual(r.stderr, message)
        }
      }))
  })
})
