/**
 * Lets Node run the TypeScript sources directly (type stripping): a relative
 * `./x.js` import that has no `.js` file resolves to `./x.ts`, as the compiler
 * maps it. Used with `node --import ./bench/register.mjs`.
 */
import { existsSync } from "node:fs"
import { registerHooks } from "node:module"
import { fileURLToPath } from "node:url"

registerHooks({
  resolve(specifier, context, next) {
    if (specifier.startsWith(".") && specifier.endsWith(".js") && context.parentURL?.startsWith("file:")) {
      const url = new URL(specifier, context.parentURL)
      if (!existsSync(fileURLToPath(url))) return next(`${specifier.slice(0, -3)}.ts`, context)
    }
    return next(specifier, context)
  }
})
