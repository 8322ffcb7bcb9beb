import { assert, describe, it } from "@effect/vitest"
import * as HttpClient from "@effect/platform/HttpClient"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as AccountsClient from "../src/AccountsClient.js"
import * as ClientOptions from "../src/ClientOptions.js"
import * as Credentials from "../src/Credentials.js"
import { makeFake, ok } from "./fakeHttp.js"
import { ACCOUNT_ID, account } from "./fixtures.js"

const withEnv = (env: Record<string, string>) => Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

/** Builds the client from config and sends one get; returns the request. */
const getWith = (env: Record<string, string>, overrides: Partial<ClientOptions.ClientOptions> = {}) =>
  Effect.gen(function* () {
    const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
    const layer = AccountsClient.layerConfig(overrides).pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, fake.client)))
    yield* Effect.flatMap(AccountsClient.AccountsClient, (client) => client.get(ACCOUNT_ID)).pipe(
      Effect.provide(layer),
      withEnv(env)
    )
    return fake.requests[0]!
  })

const configError = (env: Record<string, string>) =>
  Effect.gen(function* () {
    const fake = makeFake(() => ok(null))
    const error = yield* Effect.flip(
      Layer.build(AccountsClient.layerConfig().pipe(Layer.provide(Layer.succeed(HttpClient.HttpClient, fake.client)))).pipe(
        Effect.scoped,
        withEnv(env)
      )
    )
    assert.strictEqual(fake.requests.length, 0)
    return error
  })

describe("layerConfig", () => {
  it.effect("CLOUDFLARE_API_TOKEN sends a bearer token", () =>
    Effect.gen(function* () {
      const request = yield* getWith({ CLOUDFLARE_API_TOKEN: "tok" })
      assert.strictEqual(request.headers["authorization"], "Bearer tok")
      assert.strictEqual(request.url.origin, "https://api.cloudflare.com")
    }))

  it.effect("CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL send X-Auth-Key and X-Auth-Email", () =>
    Effect.gen(function* () {
      const request = yield* getWith({ CLOUDFLARE_API_KEY: "k", CLOUDFLARE_EMAIL: "me@example.test" })
      assert.strictEqual(request.headers["x-auth-key"], "k")
      assert.strictEqual(request.headers["x-auth-email"], "me@example.test")
      assert.isUndefined(request.headers["authorization"])
    }))

  it.effect("a secret with a trailing newline (read from a file) is sent trimmed", () =>
    Effect.gen(function* () {
      const request = yield* getWith({ CLOUDFLARE_API_KEY: " k\n", CLOUDFLARE_EMAIL: "me@example.test\r\n" })
      assert.strictEqual(request.headers["x-auth-key"], "k")
      assert.strictEqual(request.headers["x-auth-email"], "me@example.test")
    }))

  it.effect("a secret that cannot be a header value is a ConfigurationError naming the variable, not showing it", () =>
    Effect.gen(function* () {
      const error = yield* configError({ CLOUDFLARE_API_TOKEN: "tok en-SECRET" })
      assert.strictEqual(error._tag, "ConfigurationError")
      if (error._tag !== "ConfigurationError") return
      assert.deepStrictEqual(error.variables, ["CLOUDFLARE_API_TOKEN"])
      assert.notInclude(error.message, "SECRET")
      const email = yield* configError({ CLOUDFLARE_API_KEY: "k", CLOUDFLARE_EMAIL: "m\u00e9@example.test" })
      assert.deepStrictEqual(email._tag === "ConfigurationError" ? email.variables : [], ["CLOUDFLARE_EMAIL"])
    }))

  it.effect("options: an empty or multi-line secret fails before any request, naming the option", () =>
    Effect.gen(function* () {
      const fake = makeFake(() => ok(account(ACCOUNT_ID, "A")))
      for (const [credentials, variable] of [
        [Credentials.apiToken(""), "credentials.token"],
        [Credentials.apiToken("a\nb"), "credentials.token"],
        [Credentials.apiKey("k", "a b@example.test"), "credentials.email"],
        [Credentials.userServiceKey("\u0000"), "credentials.key"]
      ] as const) {
        const error = yield* Effect.flip(
          AccountsClient.make({ credentials }).pipe(Effect.provideService(HttpClient.HttpClient, fake.client))
        )
        assert.deepStrictEqual(error.variables, [variable])
      }
      assert.strictEqual(fake.requests.length, 0)
    }))

  it.effect("CLOUDFLARE_API_USER_SERVICE_KEY sends X-Auth-User-Service-Key", () =>
    Effect.gen(function* () {
      const request = yield* getWith({ CLOUDFLARE_API_USER_SERVICE_KEY: "usk" })
      assert.strictEqual(request.headers["x-auth-user-service-key"], "usk")
    }))

  it.effect("CLOUDFLARE_BASE_URL is used; http:// to loopback is allowed", () =>
    Effect.gen(function* () {
      const request = yield* getWith({ CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_BASE_URL: "http://127.0.0.1:8787/client/v4" })
      assert.strictEqual(request.url.toString(), `http://127.0.0.1:8787/client/v4/accounts/${ACCOUNT_ID}`)
    }))

  it.effect("credentials in overrides win and no variable is needed", () =>
    Effect.gen(function* () {
      const request = yield* getWith({}, { credentials: Credentials.apiToken("over") })
      assert.strictEqual(request.headers["authorization"], "Bearer over")
    }))

  it.effect("no credentials: ConfigurationError naming every variable", () =>
    Effect.gen(function* () {
      const error = yield* configError({})
      assert.strictEqual(error._tag, "ConfigurationError")
      assert.deepStrictEqual(error.variables, [
        "CLOUDFLARE_API_TOKEN",
        "CLOUDFLARE_API_KEY",
        "CLOUDFLARE_EMAIL",
        "CLOUDFLARE_API_USER_SERVICE_KEY"
      ])
    }))

  it.effect("empty values count as unset", () =>
    Effect.gen(function* () {
      const error = yield* configError({ CLOUDFLARE_API_TOKEN: "  " })
      assert.strictEqual(error.variables.length, 4)
    }))

  it.effect("a token and a key conflict", () =>
    Effect.gen(function* () {
      const error = yield* configError({ CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_API_KEY: "k", CLOUDFLARE_EMAIL: "e" })
      assert.deepStrictEqual(error.variables, ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY", "CLOUDFLARE_EMAIL"])
      assert.include(error.reason, "conflicting")
    }))

  it.effect("a token and a user service key conflict", () =>
    Effect.gen(function* () {
      const error = yield* configError({ CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_API_USER_SERVICE_KEY: "u" })
      assert.deepStrictEqual(error.variables, ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_USER_SERVICE_KEY"])
    }))

  it.effect("a key without its email names CLOUDFLARE_EMAIL", () =>
    Effect.gen(function* () {
      const error = yield* configError({ CLOUDFLARE_API_KEY: "k" })
      assert.deepStrictEqual(error.variables, ["CLOUDFLARE_EMAIL"])
    }))

  it.effect("an email without its key names CLOUDFLARE_API_KEY", () =>
    Effect.gen(function* () {
      const error = yield* configError({ CLOUDFLARE_EMAIL: "e" })
      assert.deepStrictEqual(error.variables, ["CLOUDFLARE_API_KEY"])
    }))

  it.effect("http:// to a non-loopback host is refused, naming CLOUDFLARE_BASE_URL", () =>
    Effect.gen(function* () {
      const error = yield* configError({ CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_BASE_URL: "http://api.example.test/client/v4" })
      assert.deepStrictEqual(error.variables, ["CLOUDFLARE_BASE_URL"])
      assert.include(error.reason, "loopback")
    }))

  it.effect("secrets never appear in a configuration error", () =>
    Effect.gen(function* () {
      const error = yield* configError({ CLOUDFLARE_API_TOKEN: "tok-SECRET", CLOUDFLARE_API_KEY: "key-SECRET" })
      assert.notInclude(error.message, "SECRET")
    }))
})

describe("validateBaseUrl", () => {
  const accepted = [
    ["https://api.cloudflare.com/client/v4", "https://api.cloudflare.com/client/v4"],
    ["https://api.example.test/client/v4/", "https://api.example.test/client/v4"],
    ["http://127.0.0.1:8787/client/v4", "http://127.0.0.1:8787/client/v4"],
    ["http://127.5.6.7/x", "http://127.5.6.7/x"],
    ["http://localhost:1234", "http://localhost:1234"],
    ["http://[::1]:9000/client/v4", "http://[::1]:9000/client/v4"]
  ] as const
  for (const [input, expected] of accepted) {
    it(`accepts ${input}`, () => {
      assert.deepStrictEqual(ClientOptions.validateBaseUrl(input), Either.right(expected))
    })
  }
  const refused = [
    "http://api.cloudflare.com/client/v4",
    "http://127.0.0.1.nip.io/client/v4",
    "http://localhost.example.test/",
    "http://10.0.0.1/",
    "ftp://127.0.0.1/",
    "not a url",
    "https://user:pass@api.example.test/",
    "https://api.example.test/?x=1"
  ]
  for (const input of refused) {
    it(`refuses ${input}`, () => {
      const result = ClientOptions.validateBaseUrl(input)
      assert.isTrue(Either.isLeft(result))
    })
  }
})

describe("options", () => {
  it.effect("bad numeric options fail with ConfigurationError naming them", () =>
    Effect.gen(function* () {
      const base = { credentials: Credentials.apiToken("t") }
      const names = yield* Effect.forEach(
        [
          { concurrency: 0 },
          { prefetch: 1.5 },
          { rateLimit: { limit: 0, window: "1 minute" as const } },
          { retry: { maxAttempts: 0 } }
        ] satisfies ReadonlyArray<Partial<ClientOptions.ClientOptions>>,
        (extra) => Effect.flip(ClientOptions.resolve({ ...base, ...extra })).pipe(Effect.map((e) => e.variables[0]))
      )
      assert.deepStrictEqual(names, ["concurrency", "prefetch", "rateLimit.limit", "retry.maxAttempts"])
    }))
})

describe("an empty base URL counts as not given (one rule: option, override, CLOUDFLARE_BASE_URL)", () => {
  const LOOPBACK = "http://127.0.0.1:8787/client/v4"

  it.effect("an empty or blank CLOUDFLARE_BASE_URL: the default", () =>
    Effect.gen(function* () {
      for (const empty of ["", "  ", "\n"]) {
        const request = yield* getWith({ CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_BASE_URL: empty })
        assert.strictEqual(request.url.toString(), `https://api.cloudflare.com/client/v4/accounts/${ACCOUNT_ID}`)
      }
    }))

  it.effect("an empty baseUrl override: CLOUDFLARE_BASE_URL, else the default", () =>
    Effect.gen(function* () {
      const fromVariable = yield* getWith({ CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_BASE_URL: LOOPBACK }, { baseUrl: "" })
      assert.strictEqual(fromVariable.url.toString(), `${LOOPBACK}/accounts/${ACCOUNT_ID}`)
      const fallback = yield* getWith({ CLOUDFLARE_API_TOKEN: "t" }, { baseUrl: " " })
      assert.strictEqual(fallback.url.origin, "https://api.cloudflare.com")
    }))

  it.effect("an empty baseUrl option: the default", () =>
    Effect.gen(function* () {
      const resolved = yield* ClientOptions.resolve({ credentials: Credentials.apiToken("t"), baseUrl: "" })
      assert.strictEqual(resolved.baseUrl, ClientOptions.defaultBaseUrl)
    }))

  it.effect("baseUrlFromConfig names the override or the variable it refuses", () =>
    Effect.gen(function* () {
      const override = yield* Effect.flip(ClientOptions.baseUrlFromConfig("not a url", "--base-url"))
      assert.deepStrictEqual(override.variables, ["--base-url"])
      const variable = yield* Effect.flip(
        ClientOptions.baseUrlFromConfig("", "--base-url").pipe(withEnv({ CLOUDFLARE_BASE_URL: "not a url" }))
      )
      assert.deepStrictEqual(variable.variables, ["CLOUDFLARE_BASE_URL"])
      assert.strictEqual(
        yield* ClientOptions.baseUrlFromConfig(` ${LOOPBACK}/ `).pipe(withEnv({ CLOUDFLARE_BASE_URL: "https://ignored.example" })),
        LOOPBACK
      )
    }))

  it("checkBaseUrl: blank is undefined, anything else is validated", () => {
    assert.deepStrictEqual(ClientOptions.checkBaseUrl(undefined), Either.right(undefined))
    assert.deepStrictEqual(ClientOptions.checkBaseUrl(" \t"), Either.right(undefined))
    assert.deepStrictEqual(ClientOptions.checkBaseUrl(`${LOOPBACK}/`), Either.right(LOOPBACK))
    assert.isTrue(Either.isLeft(ClientOptions.checkBaseUrl("http://example.com/")))
  })
})
