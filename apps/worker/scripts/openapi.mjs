#!/usr/bin/env node
// Writes the dashboard's generated API files (scripts/openapi-generate.ts says what they hold)
// from the worker's OpenAPI document: esbuild bundles a tiny entry that imports the definition
// (src/api/WorkerApi.ts) and OpenApi, and the bundle gives the document. A file is written only
// when its text changes. `pnpm --filter @cf-accounts/worker openapi`; the dashboard's build runs it first.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"
import { GENERATED, operationsSource, typesSource } from "./openapi-generate.ts"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")

const entry = `import * as OpenApi from "@effect/platform/OpenApi"
import { WorkerApi } from "./src/api/WorkerApi.ts"
export default OpenApi.fromApi(WorkerApi)`

const { outputFiles } = await build({
  stdin: { contents: entry, resolveDir: root, loader: "ts", sourcefile: "openapi-entry.ts" },
  bundle: true,
  write: false,
  format: "esm",
  platform: "neutral",
  mainFields: ["module", "main"],
  logLevel: "warning"
})
const bundled = outputFiles[0]?.text ?? ""
/** The worker's OpenAPI document, as `OpenApi.fromApi(WorkerApi)` gives it. */
export const { default: document } = await import(`data:text/javascript;base64,${Buffer.from(bundled).toString("base64")}`)

const write = (path, text) => {
  const file = join(root, path)
  let current
  try {
    current = readFileSync(file, "utf8")
  } catch {
    current = undefined
  }
  if (current === text) return
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
  console.log(`openapi: wrote ${path}`)
}

write(GENERATED.types, await typesSource(document))
write(GENERATED.operations, operationsSource(document))
