/**
 * A sync lists with the worker's settings: its page size, and the restart wait of
 * SYNC_RESTART_DELAY_MS when set (the client's own default otherwise).
 */
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { SettingsConfig } from "../src/platform/Settings.js"
import { listingParams } from "../src/sync/Sync.js"

const settingsFrom = (vars: Record<string, string>) =>
  Effect.withConfigProvider(SettingsConfig, ConfigProvider.fromMap(new Map(Object.entries(vars))))

describe("a sync's listing parameters", () => {
  it.effect("SYNC_RESTART_DELAY_MS sets the listing's restartDelay", () =>
    Effect.gen(function* () {
      const params = listingParams(yield* settingsFrom({ SYNC_RESTART_DELAY_MS: "5", SYNC_PAGE_SIZE: "20" }), () => Effect.void)
      assert.strictEqual(params.per_page, 20)
      assert.strictEqual(params.direction, "asc")
      assert.isTrue(Duration.equals(Duration.decode(params.restartDelay!), Duration.millis(5)))
    }))

  it.effect("unset, the client's own default applies (nothing restated)", () =>
    Effect.gen(function* () {
      const params = listingParams(yield* settingsFrom({}), () => Effect.void)
      assert.isFalse("restartDelay" in params)
    }))

  it.effect("a negative one is refused by the settings", () =>
    Effect.gen(function* () {
      const result = yield* Effect.either(settingsFrom({ SYNC_RESTART_DELAY_MS: "-1" }))
      assert.isTrue(result._tag === "Left")
    }))
})
