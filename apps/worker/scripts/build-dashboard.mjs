#!/usr/bin/env node
// Builds the dashboard into dashboard/dist (served as Workers static assets, see wrangler.jsonc):
// first its API types and paths from the worker's definition (scripts/openapi.mjs, imported
// below, so a build never uses stale ones), then one minified ES module bundled by esbuild, the
// stylesheet and index.html; then prints each file's gzip size and the total, which must stay at
// or under 50 KiB. Beside them, the API's OpenAPI document (`openapi.json`, not loaded by the page):
// the worker answers its document route with this file from the assets, so its own bundle does not
// carry the document's generator.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { gzipSync } from "node:zlib"
import { build } from "esbuild"
import { document } from "./openapi.mjs"

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "dashboard")
const out = join(root, "dist")
const LIMIT = 50 * 1024

rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })
await build({
  entryPoints: [join(root, "src", "Main.ts")],
  outfile: join(out, "app.js"),
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2022",
  legalComments: "none",
  logLevel: "warning"
})
copyFileSync(join(root, "index.html"), join(out, "index.html"))
copyFileSync(join(root, "app.css"), join(out, "app.css"))

let total = 0
for (const name of readdirSync(out).sort()) {
  const size = gzipSync(readFileSync(join(out, name)), { level: 9 }).length
  total += size
  console.log(`dashboard: ${name} ${(size / 1024).toFixed(1)} KiB gzip`)
}
console.log(`dashboard: total ${(total / 1024).toFixed(1)} KiB gzip (limit ${LIMIT / 1024} KiB)`)
if (total > LIMIT) {
  console.error("dashboard: over the size limit")
  process.exit(1)
}

writeFileSync(join(out, "openapi.json"), JSON.stringify(document))
