import { createConnection } from "node:net"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { startEmulator } from "../src/start.js"

describe("startEmulator", () => {
  it.live("starts on a free port with the default credentials; setFaults, stats and close work", () =>
    Effect.gen(function* () {
      const emulator = yield* Effect.promise(() => startEmulator({ seedAccounts: 4 }))
      assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+\/client\/v4$/)
      assert.strictEqual(emulator.url, `${emulator.origin}/client/v4`)
      assert.deepStrictEqual([emulator.token, emulator.apiKey, emulator.email], [
        "emulator-token",
        "emulator-api-key",
        "admin@example.com"
      ])
      emulator.setFaults({ rules: [{ kind: "status", status: 502, times: 1 }] })
      const get = () =>
        Effect.tryPromise(() =>
          fetch(`${emulator.url}/accounts`, { headers: { authorization: `Bearer ${emulator.token}` } }).then((r) => r.status)
        )
      assert.strictEqual(yield* get(), 502)
      assert.strictEqual(yield* get(), 200)
      assert.deepStrictEqual(emulator.stats().routes["GET /accounts"], {
        requests: 2,
        faults: 1,
        faultsByKind: { status: 1 }
      })
      yield* Effect.promise(() => Promise.all([emulator.close(), emulator.close()]))
      assert.isTrue(Either.isLeft(yield* Effect.either(get())))
    })
  )

  it.live("listens on 127.0.0.1 only: another loopback address on the same port is refused", () =>
    Effect.gen(function* () {
      const emulator = yield* Effect.promise(() => startEmulator())
      const connect = (host: string) =>
        Effect.async<string>((resume) => {
          const socket = createConnection({ host, port: emulator.port })
          socket.once("connect", () => {
            socket.destroy()
            resume(Effect.succeed("connected"))
          })
          socket.once("error", (error: NodeJS.ErrnoException) => resume(Effect.succeed(error.code ?? "error")))
        })
      const own = yield* connect("127.0.0.1")
      // Linux routes all of 127.0.0.0/8 to the loopback interface: a server bound to
      // every address (0.0.0.0 or ::) would accept this connection too.
      const other = yield* connect("127.0.0.2")
      yield* Effect.promise(() => emulator.close())
      assert.strictEqual(own, "connected")
      assert.notStrictEqual(other, "connected")
    })
  )

  it.live("rejects with the listen error when the port is taken", () =>
    Effect.gen(function* () {
      const first = yield* Effect.promise(() => startEmulator())
      const second = yield* Effect.either(Effect.tryPromise(() => startEmulator({ port: first.port })))
      yield* Effect.promise(() => first.close())
      assert.isTrue(Either.isLeft(second))
      if (Either.isLeft(second)) assert.include(String((second.left.cause as { cause?: unknown })?.cause), "EADDRINUSE")
    })
  )
})
