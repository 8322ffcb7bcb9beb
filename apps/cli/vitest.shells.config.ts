import { defineConfig } from "vitest/config"

// The completion scripts in zsh and fish (`pnpm test:shells`): both shells must be installed.
export default defineConfig({
  test: {
    include: ["test/shells/**/*.test.ts"],
    globalSetup: ["test/support/globalSetup.ts"],
    testTimeout: 30_000
  }
})
