/**
 * The worker's OpenAPI document, as `OpenApi.fromApi` makes it from the definition: OpenAPI
 * 3.1, valid by @readme/openapi-parser, one operation per endpoint at the endpoint's path; and
 * the dashboard's generated files (`dashboard/src/generated/`) are what the definition gives
 * now, so a changed definition with stale files fails here, saying how to regenerate them.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import * as OpenApi from "@effect/platform/OpenApi"
import { assert, describe, it } from "@effect/vitest"
import { compileErrors, validate } from "@readme/openapi-parser"
import { COMMAND, GENERATED, operationPaths, operationsSource, typesSource } from "../scripts/openapi-generate.ts"
import { WorkerApi } from "../src/api/WorkerApi.js"

const root = fileURLToPath(new URL("..", import.meta.url))
const document = OpenApi.fromApi(WorkerApi)

/** Every endpoint of the definition: its operation id (`group.endpoint`), method and path in OpenAPI's `{param}` form. */
const endpoints = Object.values(WorkerApi.groups).flatMap((group) =>
  Object.values(group.endpoints).map((endpoint) => ({
    id: `${group.identifier}.${endpoint.name}`,
    method: endpoint.method.toLowerCase(),
    path: endpoint.path.replace(/:(\w+)/g, "{$1}")
  }))
)

const committed = (path: string) => readFileSync(join(root, path), "utf8")

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and valid", async () => {
    assert.match(document.openapi, /^3\.1\./)
    // A copy as the worker serves it, JSON: the validator resolves references in place, and
    // its type for a document and Effect's differ in details (`webhooks`), the data does not.
    const result = await validate(JSON.parse(JSON.stringify(document)))
    assert.isTrue(result.valid, result.valid ? "" : compileErrors(result))
  })

  it("has one operation per endpoint of the definition, at the endpoint's method and path", () => {
    assert.isAbove(endpoints.length, 0)
    for (const { id, method, path } of endpoints) {
      const operations: Readonly<Record<string, { readonly operationId?: string } | undefined>> = document.paths[path] ?? {}
      assert.strictEqual(operations[method]?.operationId, id, `${method.toUpperCase()} ${path}`)
    }
    assert.deepStrictEqual(
      operationPaths(document).map(([id]) => id).sort(),
      endpoints.map(({ id }) => id).sort()
    )
  })
})

describe("the dashboard's generated API files", () => {
  it("api.d.ts holds the types of the definition as it is now", async () => {
    assert.strictEqual(await typesSource(document), committed(GENERATED.types), `${GENERATED.types} is stale: run ${COMMAND}`)
  })

  it("operations.ts holds the paths of the definition as it is now", () => {
    assert.strictEqual(operationsSource(document), committed(GENERATED.operations), `${GENERATED.operations} is stale: run ${COMMAND}`)
  })
})
