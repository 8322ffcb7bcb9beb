// Lets Node run the benches straight from TypeScript: the worker's sources import each other as
// `./x.js` (what the compiled output is named), and Node's type stripping finds only `./x.ts`.
// Loaded with `node --import ./bench/resolve-ts.mjs` (the package's bench scripts do).
import { register } from "node:module"

const hook = `export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context)
  } catch (error) {
    if (error?.code !== "ERR_MODULE_NOT_FOUND" || !/^\\.\\.?\\/.*\\.js$/.test(specifier)) throw error
    return next(specifier.slice(0, -3) + ".ts", context)
  }
}`
register(`data:text/javascript,${encodeURIComponent(hook)}`, import.meta.url)
