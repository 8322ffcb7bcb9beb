/**
 * The emulator checked against Cloudflare's official OpenAPI document: every
 * operation, success and error cases, is sent through `prism proxy` standing in
 * front of the emulator, and any response prism finds in breach of the document
 * (its `sl-violations` header) fails the test, but for the one place where
 * Cloudflare's real answers break the document and the emulator answers like them
 * (a `null` abuse contact). Not `--errors`: it would replace such an answer with
 * prism's own error. Needs CLOUDFLARE_OPENAPI_SPEC (the document's path).
 *
 * Prism matches request paths against the document's paths without the server's
 * `/client/v4` prefix, so requests go to `<prism>/accounts...` and prism forwards
 * them to the upstream `<emulator>/client/v4/accounts...`.
 *
 * The operations declare `X-Auth-Email` + `X-Auth-Key` security, and prism rejects
 * a request without both headers itself (401), so every request carries them; the
 * bearer case sends a (wrong) `Authorization` header as well, which the emulator
 * checks first. The "no credentials" 400 cannot travel through prism; the unit
 * tests cover it.
 */
import { assert, describe, layer } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { createServer } from "node:net"
import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { Emulator, type EmulatorService } from "../src/Emulator.js"
import { type Reply, readReply } from "../test/support.js"

const SPEC = process.env.CLOUDFLARE_OPENAPI_SPEC
if (SPEC === undefined || SPEC === "") {
  throw new Error(
    "CLOUDFLARE_OPENAPI_SPEC is not set: the conformance tests need the path of Cloudflare's official " +
      "Accounts OpenAPI document (e.g. CLOUDFLARE_OPENAPI_SPEC=/path/to/cloudflare-accounts.openapi.json)"
  )
}
if (!existsSync(SPEC)) throw new Error(`CLOUDFLARE_OPENAPI_SPEC points to ${SPEC}, which does not exist`)

const PRISM = fileURLToPath(new URL("../node_modules/.bin/prism", import.meta.url))
const UNKNOWN_ID = "0123456789abcdef0123456789abcdef"
const MALFORMED_ID = "z".repeat(32) // 32 characters, as the document requires, but not hexadecimal

const freePort = () =>
  Effect.async<number>((resume) => {
    const server = createServer()
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resume(Effect.succeed(port)))
    })
  })

class Prism extends Context.Tag("conformance/Prism")<Prism, { readonly url: string; readonly emulator: EmulatorService }>() {}

const PrismLive = Layer.scoped(
  Prism,
  Effect.gen(function* () {
    const emulator = yield* Emulator
    const port = yield* freePort()
    const child = yield* Effect.acquireRelease(
      Effect.sync(() =>
        spawn(PRISM, ["proxy", SPEC, emulator.url, "-h", "127.0.0.1", "-p", String(port)], {
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}` }
        })
      ),
      (child) => Effect.sync(() => child.kill("SIGTERM"))
    )
    yield* Effect.async<void, Error>((resume) => {
      let output = ""
      const onData = (chunk: unknown) => {
        output += String(chunk)
        if (output.includes("Prism is listening")) resume(Effect.void)
      }
      child.stdout?.on("data", onData)
      child.stderr?.on("data", onData)
      child.on("exit", (code) => resume(Effect.fail(new Error(`prism exited with ${code}:\n${output}`))))
    }).pipe(Effect.timeoutFail({ duration: "90 seconds", onTimeout: () => new Error("prism did not start in 90s") }))
    return { url: `http://127.0.0.1:${port}`, emulator }
  })
).pipe(Layer.provideMerge(Emulator.layer({ seed: 5, seedAccounts: 12 })))

const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  Effect.gen(function* () {
    const { url, emulator } = yield* Prism
    return yield* Effect.promise(async (): Promise<Reply> => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          "x-auth-key": emulator.apiKey,
          "x-auth-email": emulator.email,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
      return readReply(response)
    })
  })

/**
 * Where Cloudflare's real answers break the document, and the emulator, which answers like them,
 * does too: `settings.abuse_contact_email` is `null` on most accounts (core's corpus of real
 * shapes, `packages/core/test/fixtures`), where the document says string. Only this, exactly.
 */
const knownRealDeviation = (violation: { readonly location?: ReadonlyArray<string>; readonly code?: string }) =>
  violation.code === "type" &&
  violation.location?.at(-1) === "abuse_contact_email" &&
  violation.location.at(-2) === "settings"

/** Prism's violations but the known real-API deviations (`null` abuse contacts, checked against the body). */
const violationsOf = (reply: Reply): ReadonlyArray<unknown> => {
  const header = reply.headers.get("sl-violations")
  if (header === null) return []
  const all = JSON.parse(header) as ReadonlyArray<{ location?: ReadonlyArray<string>; code?: string }>
  return all.filter((violation) => {
    if (!knownRealDeviation(violation)) return true
    // The value at the location must really be null (not some other non-string).
    // biome-ignore lint/suspicious/noExplicitAny: walking arbitrary JSON
    const value = (violation.location ?? []).slice(2).reduce((at: any, key) => at?.[key], reply.json)
    return value !== null
  })
}

/**
 * The response came from the emulator (cf-ray), has the expected status, and prism found no
 * violation but the known real-API deviations.
 */
const conforms = (reply: Reply, status: number) => {
  const violations = violationsOf(reply)
  assert.deepStrictEqual(violations, [], `prism reports violations: ${JSON.stringify(violations)}`)
  assert.isNotNull(reply.headers.get("cf-ray"), `not an emulator response (prism error?): ${reply.status} ${reply.text}`)
  assert.strictEqual(reply.status, status, reply.text)
}

const setFaults = (rules: ReadonlyArray<unknown>) =>
  Effect.gen(function* () {
    const { emulator } = yield* Prism
    yield* Effect.promise(() =>
      fetch(`${emulator.origin}/__emulator/faults`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ rules })
      })
    )
  })

const PROFILE = {
  business_name: "Conformance Ltd",
  business_email: "ops@example.com",
  business_phone: "+1 555 0100",
  business_address: "1 Example Street",
  external_metadata: "{}"
}

layer(PrismLive, { timeout: 120_000 })("conformance with the official OpenAPI document (prism proxy)", (it) => {
  const firstId = Effect.map(Prism, ({ emulator }) => emulator.state.accountIds()[0] ?? "")
  const orgId = (index: number) => Effect.map(Prism, ({ emulator }) => emulator.state.organizations[index]?.id ?? "")

  describe("GET /accounts", () => {
    it.effect("200 with default and explicit parameters", () =>
      Effect.gen(function* () {
        conforms(yield* send("GET", "/accounts"), 200)
        const page = yield* send("GET", "/accounts?page=2&per_page=5&direction=desc&name=a")
        conforms(page, 200)
        assert.isAbove(page.json.result_info.total_count, 0)
      })
    )
    it.effect("400 for an empty name filter", () =>
      Effect.gen(function* () {
        conforms(yield* send("GET", "/accounts?name="), 400)
      })
    )
    it.effect("403 for a wrong API key and for a wrong bearer token", () =>
      Effect.gen(function* () {
        conforms(yield* send("GET", "/accounts", undefined, { "x-auth-key": "wrong" }), 403)
        conforms(yield* send("GET", "/accounts", undefined, { authorization: "Bearer wrong" }), 403)
      })
    )
  })

  describe("POST /accounts", () => {
    it.effect("200 for a new account (with type and unit)", () =>
      Effect.gen(function* () {
        conforms(yield* send("POST", "/accounts", { name: "Conformance One" }), 200)
        conforms(yield* send("POST", "/accounts", { name: "Conformance Two", type: "enterprise", unit: { id: yield* orgId(1) } }), 200)
      })
    )
    it.effect("400 for a blank name and for an unknown unit", () =>
      Effect.gen(function* () {
        conforms(yield* send("POST", "/accounts", { name: "   " }), 400)
        conforms(yield* send("POST", "/accounts", { name: "x", unit: { id: "nope" } }), 400)
      })
    )
  })

  describe("GET /accounts/{account_id}", () => {
    it.effect("200, 400 (malformed id), 404 (unknown id)", () =>
      Effect.gen(function* () {
        conforms(yield* send("GET", `/accounts/${yield* firstId}`), 200)
        conforms(yield* send("GET", `/accounts/${MALFORMED_ID}`), 400)
        conforms(yield* send("GET", `/accounts/${UNKNOWN_ID}`), 404)
      })
    )
  })

  describe("PUT /accounts/{account_id}", () => {
    it.effect("200, 400 (id mismatch), 404", () =>
      Effect.gen(function* () {
        const id = yield* firstId
        const body = { id, name: "Updated", type: "standard", settings: { enforce_twofactor: true } }
        conforms(yield* send("PUT", `/accounts/${id}`, body), 200)
        conforms(yield* send("PUT", `/accounts/${id}`, { ...body, id: UNKNOWN_ID }), 400)
        conforms(yield* send("PUT", `/accounts/${UNKNOWN_ID}`, { ...body, id: UNKNOWN_ID }), 404)
      })
    )
  })

  describe("POST /accounts/{account_id}/move", () => {
    it.effect("200, 400 (bad destination), 404 (unknown destination, unknown account)", () =>
      Effect.gen(function* () {
        const id = yield* firstId
        conforms(yield* send("POST", `/accounts/${id}/move`, { destination_organization_id: yield* orgId(3) }), 200)
        conforms(yield* send("POST", `/accounts/${id}/move`, { destination_organization_id: "a b" }), 400)
        conforms(yield* send("POST", `/accounts/${id}/move`, { destination_organization_id: "missing" }), 404)
        conforms(yield* send("POST", `/accounts/${UNKNOWN_ID}/move`, { destination_organization_id: yield* orgId(0) }), 404)
      })
    )
  })

  describe("POST /accounts/move", () => {
    it.effect("200 (with an unknown account among them), 400, 404", () =>
      Effect.gen(function* () {
        const { emulator } = yield* Prism
        const ids = [...emulator.state.accountIds().slice(1, 4), UNKNOWN_ID]
        conforms(yield* send("POST", "/accounts/move", { account_ids: ids, destination_organization_id: yield* orgId(2) }), 200)
        conforms(yield* send("POST", "/accounts/move", { account_ids: ["nope"], destination_organization_id: yield* orgId(2) }), 400)
        conforms(yield* send("POST", "/accounts/move", { account_ids: ids, destination_organization_id: "missing" }), 404)
      })
    )
  })

  describe("GET /accounts/{account_id}/organizations", () => {
    it.effect("200 (account in a nested organization and in none), 400, 404", () =>
      Effect.gen(function* () {
        const reply = yield* send("GET", `/accounts/${yield* firstId}/organizations`)
        conforms(reply, 200)
        assert.strictEqual(reply.json.result.length, 3)
        const created = yield* send("POST", "/accounts", { name: "Orphan" })
        conforms(yield* send("GET", `/accounts/${created.json.result.id}/organizations`), 200)
        conforms(yield* send("GET", "/accounts/nope/organizations"), 400)
        conforms(yield* send("GET", `/accounts/${UNKNOWN_ID}/organizations`), 404)
      })
    )
  })

  describe("profile", () => {
    it.effect("GET 200, PUT 204, then 400 and 404 for both", () =>
      Effect.gen(function* () {
        const id = yield* firstId
        conforms(yield* send("GET", `/accounts/${id}/profile`), 200)
        conforms(yield* send("PUT", `/accounts/${id}/profile`, PROFILE), 204)
        conforms(yield* send("GET", `/accounts/${id}/profile`), 200)
        conforms(yield* send("PUT", `/accounts/${id}/profile`, { ...PROFILE, business_name: "x".repeat(300) }), 400)
        conforms(yield* send("GET", "/accounts/nope/profile"), 400)
        conforms(yield* send("GET", `/accounts/${UNKNOWN_ID}/profile`), 404)
        conforms(yield* send("PUT", `/accounts/${UNKNOWN_ID}/profile`, PROFILE), 404)
      })
    )
  })

  describe("DELETE /accounts/{account_id}", () => {
    it.effect("200, then 404 for the same id, 400 for a malformed one", () =>
      Effect.gen(function* () {
        const { emulator } = yield* Prism
        const id = emulator.state.accountIds().at(-1) ?? ""
        conforms(yield* send("DELETE", `/accounts/${id}`), 200)
        conforms(yield* send("DELETE", `/accounts/${id}`), 404)
        conforms(yield* send("DELETE", `/accounts/${MALFORMED_ID}`), 400)
      })
    )
  })

  describe("every operation", () => {
    it.effect("403 with a wrong API key, on both error envelopes", () =>
      Effect.gen(function* () {
        const id = yield* firstId
        const org = yield* orgId(0)
        const wrong = { "x-auth-key": "wrong" }
        const operations: ReadonlyArray<readonly [string, string, unknown]> = [
          ["GET", "/accounts", undefined],
          ["POST", "/accounts", { name: "Denied" }],
          ["GET", `/accounts/${id}`, undefined],
          ["PUT", `/accounts/${id}`, { id, name: "Denied", type: "standard" }],
          ["DELETE", `/accounts/${id}`, undefined],
          ["POST", `/accounts/${id}/move`, { destination_organization_id: org }],
          ["POST", "/accounts/move", { account_ids: [id], destination_organization_id: org }],
          ["GET", `/accounts/${id}/organizations`, undefined],
          ["GET", `/accounts/${id}/profile`, undefined],
          ["PUT", `/accounts/${id}/profile`, PROFILE]
        ]
        for (const [method, path, body] of operations) {
          const reply = yield* send(method, path, body, wrong)
          conforms(reply, 403)
          assert.strictEqual(reply.json.errors[0].code, 9103, `${method} ${path}`)
        }
      })
    )
  })

  describe("the check itself", () => {
    it.effect("prism does flag a response outside the document (an injected 520 edge error)", () =>
      Effect.gen(function* () {
        yield* setFaults([{ kind: "edge_error", times: 1 }])
        const reply = yield* send("GET", "/accounts")
        yield* setFaults([])
        assert.strictEqual(reply.status, 520)
        assert.include(reply.headers.get("sl-violations") ?? "", "status code")
      })
    )
    it.effect("prism does reject a body that is not valid JSON (an injected truncation)", () =>
      Effect.gen(function* () {
        yield* setFaults([{ kind: "truncate", times: 1 }])
        const reply = yield* send("GET", "/accounts")
        yield* setFaults([])
        assert.isNull(reply.headers.get("cf-ray"))
        assert.notStrictEqual(reply.status, 200)
      })
    )
  })
})

