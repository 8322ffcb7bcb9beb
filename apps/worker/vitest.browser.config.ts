import { defineConfig } from "vitest/config"

// The dashboard in a real browser (Debian's chromium through playwright-core): `pnpm test:browser`.
// Kept out of `pnpm test`, which must not need chromium. One file, one browser launch.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false
  }
})
