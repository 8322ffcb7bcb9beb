import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/globalSetup.ts"],
    // Most cases still spawn the bundled CLI (several runs per case); on a busy 2-core machine one
    // such case has taken ~30 s, so the limit is a hang guard, not a speed check.
    testTimeout: 120_000
  }
})
