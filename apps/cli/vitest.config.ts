import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // zsh and fish: `pnpm test:shells` (vitest.shells.config.ts).
    exclude: ["test/shells/**"],
    globalSetup: ["test/support/globalSetup.ts"],
    // The cases run in process (each well under a second); the tests that start
    // subprocesses (the bundle's smoke tests, bash for completions) set their own
    // longer limit. A hang guard, not a speed check.
    testTimeout: 10_000,
    // Every file imports the same command tree, client and emulator: import them
    // once per worker instead of once per file (the files share no mutable state).
    isolate: false
  }
})
