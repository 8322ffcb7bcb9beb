/**
 * Loads Cloudflare's OpenAPI document from the path in CLOUDFLARE_OPENAPI_SPEC and
 * resolves local `$ref`s. Nothing from the document is stored in this repository:
 * every value the conformance tests use is read here, at test time.
 */
import { readFileSync } from "node:fs"

/** A JSON Schema node of the document (OpenAPI 3.0 flavour), as plain JSON. */
export interface Node {
  readonly [key: string]: unknown
}

export interface Operation {
  readonly method: string
  readonly path: string
  /** `"GET /accounts/{account_id}"` */
  readonly key: string
  readonly operationId: string | undefined
  readonly node: Node
}

export interface Spec {
  readonly file: string
  readonly document: Node
  readonly operations: ReadonlyArray<Operation>
  /** The component a `$ref` names, or `undefined` for a non-component ref. */
  readonly componentName: (ref: string) => string | undefined
  /** Follows a local `$ref` (`#/components/schemas/x`). */
  readonly resolve: (ref: string) => Node
}

const VARIABLE = "CLOUDFLARE_OPENAPI_SPEC"
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"]

export const isNode = (value: unknown): value is Node =>
  value !== null && typeof value === "object" && !Array.isArray(value)

/**
 * Reads the document, or throws an error that says what to set.
 */
export const loadSpec = (): Spec => {
  const file = process.env[VARIABLE]
  if (file === undefined || file.trim() === "") {
    throw new Error(
      `${VARIABLE} is not set. The conformance tests check core's schemas against Cloudflare's OpenAPI document ` +
        `for the Accounts API; run them as ${VARIABLE}=/path/to/openapi.json pnpm --filter @cf-accounts/core test:conformance`
    )
  }
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (cause) {
    throw new Error(`${VARIABLE}=${file} cannot be read: ${(cause as Error).message}`)
  }
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (cause) {
    throw new Error(`${VARIABLE}=${file} is not JSON: ${(cause as Error).message}`)
  }
  if (!isNode(document) || !isNode(document.paths)) {
    throw new Error(`${VARIABLE}=${file} is not an OpenAPI document (no "paths" object)`)
  }

  const resolve = (ref: string): Node => {
    if (!ref.startsWith("#/")) throw new Error(`Only local $refs are supported, found ${ref}`)
    let current: unknown = document
    for (const raw of ref.slice(2).split("/")) {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~")
      current = isNode(current) ? current[key] : undefined
    }
    if (!isNode(current)) throw new Error(`$ref ${ref} does not resolve to a schema in ${file}`)
    return current
  }

  const componentName = (ref: string): string | undefined => {
    const prefix = "#/components/schemas/"
    return ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined
  }

  const operations: Array<Operation> = []
  for (const [path, item] of Object.entries(document.paths)) {
    if (!isNode(item)) continue
    for (const method of METHODS) {
      const node = item[method]
      if (!isNode(node)) continue
      const upper = method.toUpperCase()
      operations.push({
        method: upper,
        path,
        key: `${upper} ${path}`,
        operationId: typeof node.operationId === "string" ? node.operationId : undefined,
        node
      })
    }
  }
  return { file, document, operations, componentName, resolve }
}
