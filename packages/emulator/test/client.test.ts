/**
 * The real client (`@cf-accounts/client`) against the emulator over real sockets:
 * every method works, retries recover from injected faults (attempts counted by
 * the emulator), and a create never yields two accounts.
 */
import * as Accounts from "@cf-accounts/client/AccountsClient"
import * as Credentials from "@cf-accounts/client/Credentials"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import type { EmulatorService } from "../src/Emulator.js"
import type { FaultConfig } from "../src/FaultConfig.js"
import { VALID_PROFILE, withEmulator, withoutCreateWait } from "./support.js"

const clientLayer = (emulator: EmulatorService, credentials = Credentials.apiToken(emulator.token)) =>
  Accounts.layer({
    baseUrl: emulator.url,
    credentials,
    retry: { base: "5 millis", cap: "20 millis", maxAttempts: 4 },
    timeout: "2 seconds",
    rateLimit: false
  }).pipe(Layer.provide(FetchHttpClient.layer))

/** Runs `f` with a client bound to a fresh emulator. */
const withClient = <A, E>(
  options: { readonly seedAccounts?: number; readonly faults?: FaultConfig },
  f: (client: Accounts.Service, emulator: EmulatorService) => Effect.Effect<A, E>
) =>
  withEmulator(options, (emulator) =>
    Effect.flatMap(Accounts.AccountsClient, (client) => f(client, emulator)).pipe(Effect.provide(clientLayer(emulator)))
  )

const attempts = (emulator: EmulatorService, route: string) => emulator.faults.stats().routes[route]?.requests ?? 0

describe("client against the emulator", () => {
  it.live("every method succeeds", () =>
    withClient({ seedAccounts: 60 }, (client, emulator) =>
      Effect.gen(function* () {
        const [root, east, west] = emulator.state.organizations
        const { account: created } = yield* withoutCreateWait(client.create({ name: "Client Co", type: "enterprise" }))
        assert.strictEqual(emulator.state.account(created.id)?.name, "Client Co")

        const page = yield* client.list({ per_page: 10, page: 2 })
        assert.deepStrictEqual(page.result_info, { page: 2, per_page: 10, total_pages: 7, count: 10, total_count: 61 })

        const got = yield* client.get(created.id)
        assert.deepStrictEqual(got, created)

        const updated = yield* client.update({ id: created.id, name: "Client Co 2", type: "standard" })
        assert.strictEqual(updated.name, "Client Co 2")
        const patched = yield* client.patch(created.id, { settings: { abuse_contact_email: "abuse@example.com" } })
        assert.strictEqual(patched.settings?.abuse_contact_email, "abuse@example.com")
        assert.strictEqual(patched.name, "Client Co 2")

        const moved = yield* client.move(created.id, east?.id ?? "")
        assert.strictEqual(moved.destination_organization_id, east?.id)
        const orgs = yield* client.listOrganizations(created.id)
        assert.deepStrictEqual(
          orgs.map((o) => o.id),
          [root?.id, east?.id]
        )

        const others = emulator.state.accountIds().slice(0, 3)
        const batch = yield* client.batchMove({ account_ids: others, destination_organization_id: west?.id ?? "" })
        assert.isTrue(batch.statuses.moved)
        for (const id of others) assert.strictEqual(emulator.state.account(id)?.orgId, west?.id)

        yield* client.updateProfile(created.id, VALID_PROFILE)
        assert.deepStrictEqual(yield* client.getProfile(created.id), VALID_PROFILE)

        const pages = yield* Stream.runCollect(client.pages({ per_page: 25 }))
        assert.deepStrictEqual(
          Chunk.toReadonlyArray(pages).map((p) => p.result.length),
          [25, 25, 11]
        )
        const all = yield* Stream.runCollect(client.all({ per_page: 50 }))
        assert.deepStrictEqual(
          Chunk.toReadonlyArray(all).map((a) => a.id),
          [...emulator.state.accountIds()]
        )

        const deleted = yield* client.delete(created.id)
        assert.strictEqual(deleted.id, created.id)
        assert.isUndefined(emulator.state.account(created.id))
        const gone = yield* Effect.flip(client.get(created.id))
        assert.strictEqual(gone._tag, "NotFoundError")
      })
    )
  )

  it.live("works with X-Auth-Key / X-Auth-Email credentials; a wrong key is a PermissionDeniedError", () =>
    withEmulator({ seedAccounts: 3 }, (emulator) =>
      Effect.gen(function* () {
        const ok = yield* Effect.flatMap(Accounts.AccountsClient, (c) => c.list()).pipe(
          Effect.provide(clientLayer(emulator, Credentials.apiKey(emulator.apiKey, emulator.email)))
        )
        assert.strictEqual(ok.result_info?.total_count, 3)
        const denied = yield* Effect.flip(
          Effect.flatMap(Accounts.AccountsClient, (c) => c.list()).pipe(
            Effect.provide(clientLayer(emulator, Credentials.apiKey("wrong", emulator.email)))
          )
        )
        assert.strictEqual(denied._tag, "PermissionDeniedError")
        assert.strictEqual(attempts(emulator, "GET /accounts"), 2)
      })
    )
  )

  describe("retries", () => {
    const GET = "GET /accounts/{account_id}"

    it.live("recover from two 503s (3 attempts)", () =>
      withClient({ seedAccounts: 1, faults: { rules: [{ route: GET, kind: "status", status: 503, times: 2 }] } }, (client, emulator) =>
        Effect.gen(function* () {
          const id = emulator.state.accountIds()[0] ?? ""
          assert.strictEqual((yield* client.get(id)).id, id)
          assert.strictEqual(attempts(emulator, GET), 3)
        })
      )
    )

    it.live("recover from a 429 with Retry-After: 0 (2 attempts)", () =>
      withClient(
        { seedAccounts: 1, faults: { rules: [{ route: "GET /accounts", kind: "rate_limit", retryAfterSeconds: 0, times: 1 }] } },
        (client, emulator) =>
          Effect.gen(function* () {
            assert.strictEqual((yield* client.list()).result.length, 1)
            assert.strictEqual(attempts(emulator, "GET /accounts"), 2)
          })
      )
    )

    it.live("recover from a 520 edge error page (2 attempts)", () =>
      withClient({ seedAccounts: 1, faults: { rules: [{ route: GET, kind: "edge_error", times: 1 }] } }, (client, emulator) =>
        Effect.gen(function* () {
          yield* client.get(emulator.state.accountIds()[0] ?? "")
          assert.strictEqual(attempts(emulator, GET), 2)
        })
      )
    )

    it.live("recover from connection resets before the request is handled (3 attempts)", () =>
      withClient({ seedAccounts: 1, faults: { rules: [{ route: GET, kind: "reset_before", times: 2 }] } }, (client, emulator) =>
        Effect.gen(function* () {
          yield* client.get(emulator.state.accountIds()[0] ?? "")
          assert.strictEqual(attempts(emulator, GET), 3)
        })
      )
    )

    it.live("an update whose connection drops after the write is retried and lands once (2 attempts)", () =>
      withClient(
        { seedAccounts: 1, faults: { rules: [{ route: "PUT /accounts/{account_id}", kind: "reset_after", times: 1 }] } },
        (client, emulator) =>
          Effect.gen(function* () {
            const id = emulator.state.accountIds()[0] ?? ""
            const updated = yield* client.update({ id, name: "After Reset", type: "standard" })
            assert.strictEqual(updated.name, "After Reset")
            assert.strictEqual(attempts(emulator, "PUT /accounts/{account_id}"), 2)
          })
      )
    )

    it.live("a response slower than the per-attempt timeout is retried (2 attempts)", () =>
      withEmulator({ seedAccounts: 1, faults: { rules: [{ route: GET, kind: "slow", ms: 1500, times: 1 }] } }, (emulator) =>
        Effect.gen(function* () {
          const client = yield* Accounts.AccountsClient
          yield* client.get(emulator.state.accountIds()[0] ?? "")
          assert.strictEqual(attempts(emulator, GET), 2)
        }).pipe(
          Effect.provide(
            Accounts.layer({
              baseUrl: emulator.url,
              credentials: Credentials.apiToken(emulator.token),
              retry: { base: "5 millis", cap: "20 millis", maxAttempts: 3 },
              timeout: "200 millis",
              rateLimit: false
            }).pipe(Layer.provide(FetchHttpClient.layer))
          )
        )
      )
    )

    it.live("a delete whose connection drops after the write succeeds (the retry's 404 means it is gone)", () =>
      withClient(
        { seedAccounts: 2, faults: { rules: [{ route: "DELETE /accounts/{account_id}", kind: "reset_after", times: 1 }] } },
        (client, emulator) =>
          Effect.gen(function* () {
            const id = emulator.state.accountIds()[0] ?? ""
            assert.strictEqual((yield* client.delete(id)).id, id)
            assert.isUndefined(emulator.state.account(id))
            assert.strictEqual(attempts(emulator, "DELETE /accounts/{account_id}"), 2)
          })
      )
    )
  })

  describe("responses that are wrong rather than failed", () => {
    it.live("a repeated page restarts the listing: every account once, none twice", () =>
      withClient({ seedAccounts: 30, faults: { rules: [{ kind: "repeat_page", times: 1 }] } }, (client, emulator) =>
        Effect.gen(function* () {
          const ids = Chunk.toReadonlyArray(yield* Stream.runCollect(client.all({ per_page: 10 }))).map((a) => a.id)
          assert.deepStrictEqual(ids, emulator.state.accountIds())
          assert.strictEqual(emulator.faults.stats().routes["GET /accounts"]?.faultsByKind.repeat_page, 1)
        })
      )
    )

    it.live("a lying total_count is an IncompleteListingError, not a short listing", () =>
      withClient({ seedAccounts: 30, faults: { rules: [{ kind: "lie_total", total: 12 }] } }, (client) =>
        Effect.gen(function* () {
          const error = yield* Effect.flip(Stream.runDrain(client.all({ per_page: 10, maxPasses: 1 })))
          if (error._tag !== "IncompleteListingError") return assert.fail(`unexpected ${error._tag}`)
          assert.strictEqual(error.reason, "page 2 has 10 accounts, past total_count 12")
          assert.deepStrictEqual(error.totals, [12])
        })
      )
    )

    it.live("accounts deleted while listing: the restarted listing has every remaining account once", () =>
      withClient(
        { seedAccounts: 60, faults: { rules: [{ kind: "mutate", page: 2, delete: 5, times: 1 }] } },
        (client, emulator) =>
          Effect.gen(function* () {
            const ids = Chunk.toReadonlyArray(yield* Stream.runCollect(client.all({ per_page: 10 }))).map((a) => a.id)
            assert.strictEqual(new Set(ids).size, ids.length)
            for (const id of emulator.state.accountIds()) assert.include(ids, id)
          })
      )
    )

    it.live("a listing without result_info is read to its short page", () =>
      withClient({ seedAccounts: 25, faults: { rules: [{ kind: "no_result_info" }] } }, (client, emulator) =>
        Effect.gen(function* () {
          const ids = Chunk.toReadonlyArray(yield* Stream.runCollect(client.all({ per_page: 10 }))).map((a) => a.id)
          assert.deepStrictEqual(ids, emulator.state.accountIds())
        })
      )
    )

    it.live("a truncated body is a ResponseDecodeError", () =>
      withClient({ seedAccounts: 1, faults: { rules: [{ kind: "truncate", times: 1 }] } }, (client, emulator) =>
        Effect.gen(function* () {
          const error = yield* Effect.flip(client.get(emulator.state.accountIds()[0] ?? ""))
          assert.strictEqual(error._tag, "ResponseDecodeError")
        })
      )
    )
  })

  describe("create never duplicates", () => {
    const POST = "POST /accounts"
    const named = (emulator: EmulatorService, name: string) =>
      emulator.state.accountIds().filter((id) => emulator.state.account(id)?.name === name)

    it.live("connection reset after the write: not resent; the account is found by name (1 POST, 1 account)", () =>
      withClient({ faults: { rules: [{ route: POST, kind: "reset_after", times: 1 }] } }, (client, emulator) =>
        Effect.gen(function* () {
          const { account, source } = yield* withoutCreateWait(client.create({ name: "Exactly Once" }))
          assert.strictEqual(account.name, "Exactly Once")
          // the answer was lost: found by name, and the result says so
          assert.strictEqual(source, "lookup")
          assert.deepStrictEqual(named(emulator, "Exactly Once"), [account.id])
          assert.strictEqual(attempts(emulator, POST), 1)
        })
      )
    )

    it.live("resets after the write on every attempt, many creates: never two accounts per name", () =>
      withClient({ faults: { rules: [{ route: POST, kind: "reset_after", probability: 0.5 }] } }, (client, emulator) =>
        Effect.gen(function* () {
          for (let i = 0; i < 12; i++) yield* withoutCreateWait(client.create({ name: `Batch ${i}` }))
          for (let i = 0; i < 12; i++) assert.strictEqual(named(emulator, `Batch ${i}`).length, 1, `Batch ${i}`)
          assert.strictEqual(attempts(emulator, POST), 12)
          assert.isAbove(emulator.faults.stats().routes[POST]?.faults ?? 0, 0)
        })
      )
    )

    it.live("a 503 (not applied): not resent; the outcome is reported unknown and nothing was created", () =>
      withClient({ faults: { rules: [{ route: POST, kind: "status", status: 503, times: 1 }] } }, (client, emulator) =>
        Effect.gen(function* () {
          const error = yield* Effect.flip(withoutCreateWait(client.create({ name: "Maybe" })))
          assert.strictEqual(error._tag, "OutcomeUnknownError")
          assert.strictEqual(emulator.state.size, 0)
          assert.strictEqual(attempts(emulator, POST), 1)
        })
      )
    )

    it.live("a 429 (provably not processed) is retried: 2 POSTs, 1 account", () =>
      withClient({ faults: { rules: [{ route: POST, kind: "rate_limit", retryAfterSeconds: 0, times: 1 }] } }, (client, emulator) =>
        Effect.gen(function* () {
          const { account } = yield* withoutCreateWait(client.create({ name: "Limited" }))
          assert.deepStrictEqual(named(emulator, "Limited"), [account.id])
          assert.strictEqual(attempts(emulator, POST), 2)
        })
      )
    )
  })
})
