import { configDefaults, defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Browser tests need chromium: `pnpm test:browser` (vitest.browser.config.ts).
    exclude: [...configDefaults.exclude, "test/browser/**"],
    // Miniflare tests start workerd and an emulator and sync thousands of accounts; on a busy
    // machine that takes a while, so hooks and tests get generous limits.
    testTimeout: 60_000,
    hookTimeout: 60_000
  }
})
