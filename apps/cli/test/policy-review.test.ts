/**
 * `apply` and `plan` against the emulator on 127.0.0.1, on what the review of
 * the policy commands found: a prompt answered after someone created the
 * declared account (the fleet is listed again: exit 9, nothing created), a
 * create whose settings write failed (partly done, with the new id, non-zero
 * exit), a create adopted by name after a lost answer (said on its line), a
 * hand-edited saved plan (refused, naming the field, nothing sent), a create
 * that breaks the file's own policy (a warning line), and 101 accounts sharing
 * one YAML anchor.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Emulator } from "@cf-accounts/emulator/Emulator"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as Terminal from "@effect/platform/Terminal"
import { assert, layer } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Mailbox from "effect/Mailbox"
import * as Option from "effect/Option"
import * as Cli from "../src/Cli.js"
import * as ExitCode from "../src/ExitCode.js"
import { envFor, requestsByRoute, resetStats, runCli, withFaults } from "./support/cli.js"

const dir = mkdtempSync(join(tmpdir(), "cf-accounts-policy-review-"))
let files = 0
const policyFile = (text: string): string => {
  const path = join(dir, `policy-${++files}.yaml`)
  writeFileSync(path, text)
  return path
}

const fresh = Effect.gen(function* () {
  const emulator = yield* Emulator
  emulator.state.reset()
  emulator.faults.setConfig({ rules: [] })
  yield* resetStats(emulator.origin)
  return emulator
})

const named = (emulator: Emulator["Type"], name: string) =>
  emulator.state.accountIds().filter((id) => emulator.state.account(id)?.name === name)

const SERVER_BEHIND = { serverBehind: 1000 } as const

/**
 * `cf-accounts ...args` in process on a terminal that answers the prompt `y`,
 * running `meanwhile` when the prompt starts reading (as a person would take
 * their time to read the plan). Nothing on this path waits on the clock.
 */
const runAnswering = (args: ReadonlyArray<string>, env: Record<string, string>, meanwhile: Effect.Effect<void>) =>
  Effect.gen(function* () {
    const out: Array<string> = []
    const err: Array<string> = []
    const terminal = Layer.succeed(
      Terminal.Terminal,
      Terminal.Terminal.of({
        columns: Effect.succeed(80),
        rows: Effect.succeed(24),
        isTTY: Effect.succeed(true),
        readInput: Effect.gen(function* () {
          yield* meanwhile
          const mailbox = yield* Mailbox.make<Terminal.UserInput>()
          yield* mailbox.offer({ input: Option.some("y"), key: { name: "y", ctrl: false, meta: false, shift: false } })
          return mailbox
        }),
        readLine: Effect.succeed("y"),
        display: (text) => Effect.sync(() => void out.push(text))
      })
    )
    const streams = {
      stdoutIsTTY: false,
      stderrIsTTY: false,
      stdinIsTTY: true,
      out: (text: string) => Effect.sync(() => void out.push(text)),
      err: (text: string) => Effect.sync(() => void err.push(text)),
      errSync: (text: string) => void err.push(text)
    }
    const exit = yield* Cli.main(["node", "cf-accounts", ...args], Layer.mergeAll(NodeFileSystem.layer, NodePath.layer, terminal), streams).pipe(
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries({ NO_COLOR: "1", ...env })))),
      Effect.exit
    )
    return { code: ExitCode.forExit(exit), stdout: out.join(""), stderr: err.join("") }
  })

layer(Emulator.layer({ seedAccounts: 4 }))("policy commands after review", (it) => {
  it.effect("apply lists the fleet again after the prompt: an account created meanwhile refuses the plan, exit 9, nothing created", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const file = policyFile("accounts:\n  - name: prompt-new\n")
      const meanwhile = Effect.sync(() => void emulator.state.create({ name: "prompt-new", type: "standard", orgId: undefined, createdAt: Date.UTC(2026, 11, 1) }))
      const r = yield* runAnswering(["apply", "-f", file, "-o", "table"], envFor(emulator), meanwhile)
      assert.strictEqual(r.code, 9, r.stderr)
      assert.include(r.stderr, "prompt-new")
      assert.include(r.stderr, "now exists, and the plan creates it")
      assert.strictEqual(named(emulator, "prompt-new").length, 1)
      const routes = yield* requestsByRoute(emulator.origin)
      assert.strictEqual(routes["POST /accounts"] ?? 0, 0)
    })
  )

  it.effect("a create whose settings write fails is partly done: its line and JSON give the new id, the exit is not 0", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const put = [{ route: "PUT /accounts/{account_id}", kind: "status", status: 501 }]
      const file = policyFile("accounts:\n  - name: cl2-new\n    settings: { enforce_twofactor: true }\n")
      const r = yield* withFaults(emulator.origin, put, runCli(["apply", "-f", file, "--yes", "-o", "table"], env, {}, SERVER_BEHIND))
      const [id] = named(emulator, "cl2-new")
      assert.isDefined(id)
      assert.notStrictEqual(r.code, 0)
      const line = r.stdout.split("\n").find((l) => l.startsWith("partly  "))
      assert.match(line ?? "", new RegExp(`^partly  \\+ create cl2-new \\(${id}\\): created, then the settings write failed: `))
      const j = yield* withFaults(
        emulator.origin,
        put,
        runCli(["apply", "-f", policyFile("accounts:\n  - name: cl2-b\n    settings: { enforce_twofactor: true }\n"), "--yes", "-o", "json"], env, {}, SERVER_BEHIND)
      )
      const [result] = JSON.parse(j.stdout) as Array<Record<string, unknown>>
      assert.deepStrictEqual(
        [result?.status, result?.account, result?.source, result?.failed],
        ["partial", { id: named(emulator, "cl2-b")[0], name: "cl2-b" }, "answer", "settings"]
      )
      assert.notStrictEqual(j.code, 0)
    })
  )

  it.effect("a create found by name after its answer was lost says so on its line and in its JSON", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const lost = [{ route: "POST /accounts", kind: "bad_body", times: 1 }]
      const r = yield* withFaults(
        emulator.origin,
        lost,
        runCli(["apply", "-f", policyFile("accounts:\n  - name: lost-one\n"), "--yes", "-o", "table"], env, {}, SERVER_BEHIND)
      )
      assert.strictEqual(r.code, 0, r.stderr)
      assert.include(r.stdout, `done    + create lost-one (${named(emulator, "lost-one")[0]}) (its answer was lost: found by name`)
      const j = yield* withFaults(
        emulator.origin,
        lost,
        runCli(["apply", "-f", policyFile("accounts:\n  - name: lost-two\n"), "--yes", "-o", "json"], env, {}, SERVER_BEHIND)
      )
      assert.strictEqual((JSON.parse(j.stdout) as Array<{ source?: string }>)[0]?.source, "lookup")
    })
  )

  it.effect("a hand-edited saved plan is refused naming the field: exit 2, nothing sent", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const env = envFor(emulator)
      const [id] = emulator.state.accountIds()
      const record = emulator.state.account(id!)!
      const file = policyFile(`accounts:\n  - name: ${JSON.stringify(record.name)}\n    settings: { abuse_contact_email: new@example.com }\n`)
      const out = join(dir, `plan-${++files}.json`)
      yield* runCli(["plan", "-f", file, "--out", out], env)
      const plan = JSON.parse(readFileSync(out, "utf8"))
      plan.actions[0].changes[0].field = "settings.abuse_contact_emial"
      writeFileSync(out, JSON.stringify(plan))
      yield* resetStats(emulator.origin)
      const r = yield* runCli(["apply", "--plan", out, "--yes", "-o", "table"], env)
      assert.strictEqual(r.code, 2)
      assert.include(r.stderr, "actions.0.changes.0.field: is not a field a plan changes")
      assert.deepStrictEqual(yield* requestsByRoute(emulator.origin), {})
    })
  )

  it.effect("plan warns of a declared account it creates against the file's own policy", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      const file = policyFile('policy:\n  name: { pattern: "^acme-" }\naccounts:\n  - name: labs-x\n')
      const r = yield* runCli(["plan", "-f", file, "-o", "table"], envFor(emulator))
      assert.strictEqual(r.code, 8)
      assert.include(r.stdout, '! warning labs-x: is created breaking policy.name: name "labs-x" does not match ^acme-')
    })
  )

  it.effect("101 declared accounts sharing one settings anchor plan (legitimate reuse is not an alias bomb)", () =>
    Effect.gen(function* () {
      const emulator = yield* fresh
      let text = "accounts:\n  - name: a0\n    settings: &std { enforce_twofactor: true }\n"
      for (let i = 1; i < 101; i++) text += `  - name: a${i}\n    settings: *std\n`
      const r = yield* runCli(["plan", "-f", policyFile(text), "-o", "json"], envFor(emulator))
      assert.strictEqual(r.code, 8, r.stderr)
      assert.strictEqual((JSON.parse(r.stdout) as { actions: Array<unknown> }).actions.length, 101)
    })
  )
})
