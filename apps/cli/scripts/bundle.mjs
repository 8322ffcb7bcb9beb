// Bundles the command line into one file, dist/cf-accounts.js, so it starts fast:
// `cf-accounts --help` loads one module instead of hundreds.
import { chmod, readFile } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import * as esbuild from "esbuild"

const root = fileURLToPath(new URL("..", import.meta.url))
const pkg = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"))
const outfile = `${root}dist/cf-accounts.js`

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ["src/bin.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  minify: true,
  sourcemap: false,
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
  define: { __CF_ACCOUNTS_CLI_VERSION__: JSON.stringify(pkg.version) },
  banner: {
    // Some dependencies are CommonJS and call require(): give them one.
    js: '#!/usr/bin/env node\nimport { createRequire as __cfCreateRequire } from "node:module";\nconst require = __cfCreateRequire(import.meta.url);'
  }
})
await chmod(outfile, 0o755)
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0)
console.log(`bundled dist/cf-accounts.js (${Math.round(bytes / 1024)} KB)`)
