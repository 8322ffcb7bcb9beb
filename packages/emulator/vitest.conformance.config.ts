import { defineConfig } from "vitest/config"

// Tests against Cloudflare's official OpenAPI document. They read its path from
// CLOUDFLARE_OPENAPI_SPEC and fail when it is not set.
export default defineConfig({
  test: {
    include: ["conformance/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
})
