// Writes schema/cf-accounts.schema.json from the built JsonSchema module (run by `build`).
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const { path, text } = await import("../dist/JsonSchema.js")
mkdirSync(dirname(join(root, path)), { recursive: true })
writeFileSync(join(root, path), text())
