// Bundles the bin into one file, dist/bin.js, so `cf-accounts-emulator` starts fast:
// one module to load instead of hundreds (effect, @effect/platform, @effect/platform-node).
// The library modules (dist/*.js other than bin.js) stay unbundled; tsconfig.json leaves
// src/bin.ts out of the tsc build, so this is the only dist/bin.js.
import { chmod } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import * as esbuild from "esbuild"

const root = fileURLToPath(new URL("..", import.meta.url))
const outfile = `${root}dist/bin.js`

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
  banner: {
    // Some dependencies are CommonJS and call require(): give them one.
    js: 'import { createRequire as __emuCreateRequire } from "node:module";\nconst require = __emuCreateRequire(import.meta.url);'
  }
})
await chmod(outfile, 0o755)
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0)
console.log(`bundled dist/bin.js (${Math.round(bytes / 1024)} KB)`)
