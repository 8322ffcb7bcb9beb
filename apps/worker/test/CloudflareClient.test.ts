/**
 * The worker's client is the client's `layerConfig` over the Worker's bindings (through
 * `Runtime.configProvider`, as Settings reads them): the client's rules, the worker's hint.
 */
import * as AccountsClient from "@cf-accounts/client/AccountsClient"
import { AccountId } from "@cf-accounts/core/Ids"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as CloudflareClient from "../src/platform/CloudflareApi.js"
import type { Env } from "../src/platform/Env.js"
import * as Runtime from "../src/platform/Services.js"
import { Settings } from "../src/platform/Settings.js"

const ACCOUNT = AccountId.make("0123456789abcdef0123456789abcdef")

// Only the string vars matter to the config provider; the bindings are not used here.
const withVars = (vars: Record<string, string>) => Effect.withConfigProvider(Runtime.configProvider(vars as unknown as Env))

const client = CloudflareClient.layer.pipe(Layer.provide(Settings.layerConfig))

/** The client's ConfigurationError (not a Settings `ConfigError`) from building it with `vars`. */
const buildError = (vars: Record<string, string>) =>
  Effect.flip(Layer.build(client).pipe(Effect.scoped, withVars(vars))).pipe(
    Effect.flatMap((error) =>
      error._tag === "ConfigurationError" ? Effect.succeed(error) : Effect.dieMessage(`not a ConfigurationError: ${error}`)
    )
  )

/** Builds the client from `vars` and sends one get through a fake `fetch`; returns the URL requested. */
const urlOfGet = (vars: Record<string, string>) =>
  Effect.gen(function* () {
    const urls: Array<string> = []
    const fetch: typeof globalThis.fetch = async (input) => {
      urls.push(input instanceof Request ? input.url : String(input))
      return Response.json({
        success: true,
        errors: [],
        messages: [],
        result: { id: ACCOUNT, name: "A", type: "standard", settings: {}, created_on: "2024-01-01T00:00:00Z" }
      })
    }
    yield* Effect.flatMap(AccountsClient.AccountsClient, (accounts) => accounts.get(ACCOUNT)).pipe(
      Effect.provide(client),
      Effect.provideService(FetchHttpClient.Fetch, fetch),
      withVars(vars)
    )
    return urls
  })

describe("CloudflareClient", () => {
  it.effect("without CLOUDFLARE_API_TOKEN (unset or empty) it fails before any request, naming it and how to set it", () =>
    Effect.gen(function* () {
      for (const vars of [{}, { CLOUDFLARE_API_TOKEN: "" }, { CLOUDFLARE_API_TOKEN: "  " }]) {
        const error = yield* buildError(vars)
        assert.include(error.variables, "CLOUDFLARE_API_TOKEN")
        assert.include(error.message, "no credentials")
        assert.include(error.message, "wrangler secret put CLOUDFLARE_API_TOKEN")
      }
    }))

  it.effect("a malformed var is named; a secret in an error is never shown", () =>
    Effect.gen(function* () {
      const retry = yield* buildError({ CLOUDFLARE_API_TOKEN: "t0ken-SECRET", CLIENT_MAX_ATTEMPTS: "many" })
      assert.deepStrictEqual(retry.variables, ["CLIENT_RETRY_BASE_MS", "CLIENT_MAX_ATTEMPTS"])
      const spaced = yield* buildError({ CLOUDFLARE_API_TOKEN: "t0ken SECRET" })
      assert.deepStrictEqual(spaced.variables, ["CLOUDFLARE_API_TOKEN"])
      assert.notInclude(spaced.message, "SECRET")
      const base = yield* buildError({ CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_BASE_URL: "http://example.com/" })
      assert.deepStrictEqual(base.variables, ["CLOUDFLARE_BASE_URL"])
      assert.notInclude(base.message, "wrangler")
    }))

  it.effect("CLOUDFLARE_BASE_URL is used; empty counts as unset (the client's rule): the default", () =>
    Effect.gen(function* () {
      const local = yield* urlOfGet({ CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_BASE_URL: "http://127.0.0.1:8788/client/v4" })
      assert.deepStrictEqual(local, [`http://127.0.0.1:8788/client/v4/accounts/${ACCOUNT}`])
      const empty = yield* urlOfGet({ CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_BASE_URL: "" })
      assert.deepStrictEqual(empty, [`https://api.cloudflare.com/client/v4/accounts/${ACCOUNT}`])
    }))
})
