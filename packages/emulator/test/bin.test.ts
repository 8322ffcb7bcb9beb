import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { type ChildProcess, spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url))

interface Run {
  readonly child: ChildProcess
  readonly stdout: () => string
  readonly stderr: () => string
  readonly exit: Promise<number | null>
}

const run = (args: ReadonlyArray<string>): Run => {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] })
  let stdout = ""
  let stderr = ""
  child.stdout?.on("data", (chunk) => {
    stdout += String(chunk)
  })
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk)
  })
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  return { child, stdout: () => stdout, stderr: () => stderr, exit }
}

const firstLine = (r: Run): Promise<string> =>
  new Promise((resolve, reject) => {
    const check = () => {
      const newline = r.stdout().indexOf("\n")
      if (newline >= 0) resolve(r.stdout().slice(0, newline))
    }
    r.child.stdout?.on("data", check)
    r.exit.then((code) => reject(new Error(`exited ${code}: ${r.stderr()}`)))
    check()
  })

const stopped = (r: Run) =>
  Effect.promise(() => {
    if (r.child.exitCode === null) r.child.kill("SIGKILL")
    return r.exit
  })

describe("cf-accounts-emulator bin", () => {
  it("is one bundled file: it imports nothing but Node's own modules", () => {
    const text = readFileSync(BIN, "utf8")
    assert.isTrue(text.startsWith("#!/usr/bin/env node\n"))
    const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)"([^"]+)"/g)].map((m) => m[1])
    assert.isNotEmpty(specifiers)
    assert.deepStrictEqual(
      specifiers.filter((s) => !s?.startsWith("node:")),
      [],
      "the bin loads modules at start-up: run the build (tsc, then scripts/bundle.mjs)"
    )
  })

  it.live("prints the URL first, then export and API key lines; serves; SIGTERM exits 0", () =>
    Effect.gen(function* () {
      const r = run(["--port", "0", "--seed-accounts", "25", "--token", "t0k3n"])
      yield* Effect.addFinalizer(() => stopped(r))
      const line = yield* Effect.promise(() => firstLine(r))
      const match = /^cf-accounts emulator listening on (http:\/\/127\.0\.0\.1:(\d+)\/client\/v4)$/.exec(line)
      assert.isNotNull(match, line)
      const url = match?.[1] ?? ""
      const response = yield* Effect.promise(() =>
        fetch(`${url}/accounts?per_page=5`, { headers: { authorization: "Bearer t0k3n" } }).then((res) => res.json() as Promise<{ result_info: { total_count: number } }>)
      )
      assert.strictEqual(response.result_info.total_count, 25)
      assert.include(r.stdout(), `export CLOUDFLARE_BASE_URL=${url} CLOUDFLARE_API_TOKEN=t0k3n`)
      assert.include(r.stdout(), "X-Auth-Key: emulator-api-key")
      assert.include(r.stdout(), "X-Auth-Email: admin@example.com")
      r.child.kill("SIGTERM")
      assert.strictEqual(yield* Effect.promise(() => r.exit), 0)
    }).pipe(Effect.scoped)
  )

  it.live("SIGINT exits 0", () =>
    Effect.gen(function* () {
      const r = run([])
      yield* Effect.addFinalizer(() => stopped(r))
      yield* Effect.promise(() => firstLine(r))
      r.child.kill("SIGINT")
      assert.strictEqual(yield* Effect.promise(() => r.exit), 0)
    }).pipe(Effect.scoped)
  )

  it.live("--faults accepts inline JSON", () =>
    Effect.gen(function* () {
      const r = run(["--faults", '{"rules":[{"kind":"status","status":503}]}'])
      yield* Effect.addFinalizer(() => stopped(r))
      const line = yield* Effect.promise(() => firstLine(r))
      const url = line.split(" ").at(-1) ?? ""
      const status = yield* Effect.promise(() =>
        fetch(`${url}/accounts`, { headers: { authorization: "Bearer emulator-token" } }).then((res) => res.status)
      )
      assert.strictEqual(status, 503)
    }).pipe(Effect.scoped)
  )

  it.live("--batch-move not-implemented: the batch endpoint answers 501, and the start-up lines say so", () =>
    Effect.gen(function* () {
      const r = run(["--batch-move", "not-implemented"])
      yield* Effect.addFinalizer(() => stopped(r))
      const line = yield* Effect.promise(() => firstLine(r))
      const url = line.split(" ").at(-1) ?? ""
      const status = yield* Effect.promise(() =>
        fetch(`${url}/accounts/move`, {
          method: "POST",
          headers: { authorization: "Bearer emulator-token", "content-type": "application/json" },
          body: JSON.stringify({ account_ids: ["0123456789abcdef0123456789abcdef"], destination_organization_id: "x" })
        }).then((res) => res.status)
      )
      assert.strictEqual(status, 501)
      assert.include(r.stdout(), "POST /accounts/move answers 501")
    }).pipe(Effect.scoped)
  )

  it.live("--unknown-type-every and --filtered-total-count: seeded partner accounts, the unfiltered total; the start-up lines say so", () =>
    Effect.gen(function* () {
      const r = run(["--seed-accounts", "14", "--unknown-type-every", "7", "--filtered-total-count", "unfiltered"])
      yield* Effect.addFinalizer(() => stopped(r))
      const line = yield* Effect.promise(() => firstLine(r))
      const url = line.split(" ").at(-1) ?? ""
      const get = (query: string) =>
        Effect.promise(() =>
          fetch(`${url}/accounts?${query}`, { headers: { authorization: "Bearer emulator-token" } }).then(
            (res) => res.json() as Promise<{ result: Array<{ type: string; name: string }>; result_info: { total_count: number } }>
          )
        )
      const all = yield* get("per_page=20")
      assert.deepStrictEqual(
        all.result.flatMap((account, i) => (account.type === "partner" ? [i + 1] : [])),
        [7, 14]
      )
      const filtered = yield* get(`name=${encodeURIComponent(all.result[0]?.name ?? "")}`)
      assert.strictEqual(filtered.result.length, 1)
      assert.strictEqual(filtered.result_info.total_count, 14)
      assert.include(r.stdout(), "--unknown-type-every")
      assert.include(r.stdout(), "--filtered-total-count unfiltered")
    }).pipe(Effect.scoped)
  )

  // One process a test: the nine started at once in one test took 3 s on a 2-core machine.
  describe("bad flags: a clear message on stderr and exit 2", () => {
    const cases = [
      [["--port", "http"], "--port must be a whole number"],
      [["--seed-accounts", "-3"], "--seed-accounts"],
      [["--frobnicate"], "Unknown option '--frobnicate'"],
      [["--faults", '{"rules":[{"kind":"explode"}]}'], "--faults: invalid fault config: rules.0.kind must be one of"],
      [["--faults", '{"rules":[{"kind":"latency"}]}'], "--faults: invalid fault config: rules.0.ms is missing"],
      [["--faults", "/no/such/file.json"], "cannot read file"],
      [["--batch-move", "maybe"], '--batch-move must be implemented or not-implemented, got "maybe"'],
      [["--unknown-type-every", "x"], "--unknown-type-every must be a whole number"],
      [["--filtered-total-count", "all"], '--filtered-total-count must be filtered or unfiltered, got "all"']
    ] as const
    for (const [args, message] of cases) {
      it.live(args.join(" "), () =>
        Effect.gen(function* () {
          const r = run(args)
          const code = yield* Effect.promise(() => r.exit)
          assert.strictEqual(code, 2, args.join(" "))
          assert.include(r.stderr(), message)
          assert.strictEqual(r.stdout(), "")
        })
      )
    }
  })
})
