import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // zsh and fish: `pnpm test:shells` (vitest.shells.config.ts).
    exclude: ["test/shells/**"],
    globalSetup: ["test/support/globalSetup.ts"],
    // The cases run in process; only the bundle's smoke tests (test/bundle.test.ts)
    // start subprocesses, and set their own longer limit.
    testTimeout: 30_000,
    // Every file imports the same command tree, client and emulator: import them
    // once per worker instead of once per file (the files share no mutable state).
    isolate: false
  }
})
