/**
 * What the dashboard knows of the API, made from the worker's OpenAPI document: its types
 * (`api.d.ts`, by openapi-typescript) and each operation's path (`operations.ts`). One rule for
 * `scripts/openapi.mjs`, which writes the files, and `test/openapi-document.test.ts`, which holds
 * the committed files to what the definition gives now. Plain TypeScript that Node runs as it is.
 */
import { createRequire, register } from "node:module"
import { pathToFileURL } from "node:url"
import type { OpenAPISpec } from "@effect/platform/OpenApi"

/** The command that writes the generated files. */
export const COMMAND = "pnpm --filter @cf-accounts/worker openapi"

/** Where the generated files live, from the worker's folder. */
export const GENERATED = { types: "dashboard/src/generated/api.d.ts", operations: "dashboard/src/generated/operations.ts" } as const

const header = `// Generated from the worker's OpenAPI document (src/api/WorkerApi.ts) by scripts/openapi.mjs: do not edit.
// Regenerate with \`${COMMAND}\` (the dashboard's build does it first).
`

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const

/** Every operation of `document` as `[operationId, path]`, in the document's order. */
export const operationPaths = (document: OpenAPISpec): ReadonlyArray<readonly [string, string]> =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operationId = item[method]?.operationId
      return operationId === undefined ? [] : [[operationId, path] as const]
    })
  )

/** `operations.ts`: each operation id and its path in OpenAPI's `{param}` form, as openapi-fetch takes it. */
export const operationsSource = (document: OpenAPISpec): string => {
  const entries = operationPaths(document).map(([id, path]) => `  ${JSON.stringify(id)}: ${JSON.stringify(path)}`)
  return `${header}
/** Each operation of the worker's API (\`group.endpoint\`) and its path, a key of \`paths\` in api.d.ts. */
export const operations = {
${entries.join(",\n")}
} as const
`
}

/**
 * openapi-typescript prints its output with TypeScript's compiler API, which TypeScript 7 (the
 * project's) no longer has; pnpm gives it that copy as its peer all the same. Its imports of
 * `typescript` get TypeScript 5 (the `typescript-5` devDependency) instead; every other import
 * resolves as usual.
 */
let typeScript5InUse = false
const useTypeScript5 = (): void => {
  if (typeScript5InUse) return
  typeScript5InUse = true
  const typescript5 = pathToFileURL(createRequire(import.meta.url).resolve("typescript-5")).href
  const hook = `export const resolve = (specifier, context, next) =>
    specifier === "typescript" && /[\\\\/]node_modules[\\\\/]openapi-typescript[\\\\/]/.test(context.parentURL ?? "")
      ? next(${JSON.stringify(typescript5)}, context)
      : next(specifier, context)`
  register(`data:text/javascript,${encodeURIComponent(hook)}`)
}

/** `api.d.ts`: openapi-typescript's `paths`, `components` and `operations` of `document`. */
export const typesSource = async (document: OpenAPISpec): Promise<string> => {
  useTypeScript5()
  const { default: openapiTS, astToString } = await import("openapi-typescript")
  // The document as the worker serves it, JSON: openapi-typescript's type for it and Effect's
  // differ in details (a license's `identifier`), the data does not.
  const ast = await openapiTS(JSON.parse(JSON.stringify(document)), { silent: true })
  return `${header}\n${astToString(ast)}`
}
