import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { deliberate, operations } from "./mapping.js"
import { isNode, loadSpec, type Node } from "./spec.js"
import { buildExample, escapePointer, property, scanExamples, start, type Target, Walker } from "./walk.js"

// Throws (failing the run with a message naming CLOUDFLARE_OPENAPI_SPEC) when the variable is unset or unreadable.
const spec = loadSpec()

const decode = (t: Target, value: unknown) => Schema.decodeUnknownEither(Schema.make<unknown, unknown, never>(t.ast))(value)
const explain = (error: ParseResult.ParseError) => ParseResult.TreeFormatter.formatErrorSync(error)

const JSON_CONTENT = "application/json"
const jsonSchema = (holder: unknown): Node | undefined => {
  if (!isNode(holder) || !isNode(holder.content)) return undefined
  const media = holder.content[JSON_CONTENT]
  return isNode(media) && isNode(media.schema) ? media.schema : undefined
}

// ---------------------------------------------------------------------------
// Walk every schema the ten operations use
// ---------------------------------------------------------------------------

const walker = new Walker(spec)
interface WholeExample {
  readonly title: string
  readonly value: unknown
  readonly target: Target
}
const wholeExamples: Array<WholeExample> = []
const unmappedSlots: Array<string> = []

for (const operation of spec.operations) {
  const mapping = operations[operation.key]
  const base = `#/paths/${escapePointer(operation.path)}/${operation.method.toLowerCase()}`
  if (mapping === undefined) {
    unmappedSlots.push(`${operation.key}: no mapping in conformance/mapping.ts`)
    continue
  }
  const parameters = Array.isArray(operation.node.parameters) ? operation.node.parameters : []
  const query: Record<string, unknown> = {}
  for (const [index, raw] of parameters.entries()) {
    const parameter: Node = isNode(raw) && typeof raw.$ref === "string" ? spec.resolve(raw.$ref) : isNode(raw) ? raw : {}
    const name = String(parameter.name)
    const schema = isNode(parameter.schema) ? parameter.schema : {}
    const pointer = `${base}/parameters/${index}/schema`
    if (parameter.in === "path") {
      const t = mapping.path?.[name]
      if (t === undefined) {
        unmappedSlots.push(`${operation.key}: path parameter "${name}" has no core schema`)
        continue
      }
      walker.walk(schema, start(`${operation.key} path ${name}`, pointer), t, "request")
      wholeExamples.push({ title: `${operation.key} path parameter ${name}`, value: buildExample(spec, schema, "request"), target: t })
    } else if (parameter.in === "query") {
      const q = mapping.query
      const found = q === undefined ? undefined : property(q.params.ast, name)
      if (q === undefined || found === undefined) {
        unmappedSlots.push(`${operation.key}: query parameter "${name}" has no field in core's query schema`)
        continue
      }
      if (parameter.required === true && found.optional) {
        unmappedSlots.push(`${operation.key}: query parameter "${name}" is required by the spec, optional in ${q.params.name}`)
      }
      walker.walk(schema, start(`${operation.key} query ${name}`, pointer), { name: `${q.params.name}.${name}`, ast: found.type }, "request")
      query[name] = buildExample(spec, schema, "request")
    } else {
      unmappedSlots.push(`${operation.key}: ${String(parameter.in)} parameter "${name}" is not handled`)
    }
  }
  if (mapping.query !== undefined) {
    wholeExamples.push({ title: `${operation.key} query`, value: query, target: mapping.query.params })
    const url = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]))
    wholeExamples.push({ title: `${operation.key} query as URL parameters`, value: url, target: mapping.query.url })
  }

  const body = jsonSchema(operation.node.requestBody)
  if (body !== undefined) {
    if (mapping.body === undefined) {
      unmappedSlots.push(`${operation.key}: request body has no core schema`)
    } else {
      const pointer = `${base}/requestBody/content/${escapePointer(JSON_CONTENT)}/schema`
      walker.walk(body, start(`${operation.key} body`, pointer), mapping.body, "request")
      wholeExamples.push({ title: `${operation.key} request body`, value: buildExample(spec, body, "request"), target: mapping.body })
    }
  } else if (mapping.body !== undefined) {
    unmappedSlots.push(`${operation.key}: core maps a request body the spec does not have`)
  }

  const responses = isNode(operation.node.responses) ? operation.node.responses : {}
  for (const [status, response] of Object.entries(responses)) {
    const schema = jsonSchema(response)
    const t = mapping.responses[status]
    if (t === undefined) {
      unmappedSlots.push(`${operation.key}: response ${status} has no core schema`)
      continue
    }
    if (t === null || schema === undefined) {
      if (t !== null || schema !== undefined) unmappedSlots.push(`${operation.key}: response ${status}: body expected on one side only`)
      continue
    }
    const pointer = `${base}/responses/${escapePointer(status)}/content/${escapePointer(JSON_CONTENT)}/schema`
    walker.walk(schema, start(`${operation.key} ${status}`, pointer), t, "response")
    wholeExamples.push({ title: `${operation.key} response ${status}`, value: buildExample(spec, schema, "response"), target: t })
  }
  for (const status of Object.keys(mapping.responses)) {
    if (!(status in responses)) unmappedSlots.push(`${operation.key}: core maps response ${status}, the spec has none`)
  }
}

const key = (kind: string, location: string) => `${kind} at ${location}`
const deliberateKeys = new Set(deliberate.map((d) => key(d.kind, d.at)))
const unexpectedProblems = walker.problems.filter((p) => !deliberateKeys.has(key(p.kind, p.location)))
const shown = (p: (typeof walker.problems)[number]) => `${key(p.kind, p.location)} (${p.pointer}): ${p.detail}`
const UNPAIRED: ReadonlyArray<string> = ["no-counterpart", "unsupported-keyword"]

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

describe(`OpenAPI document ${spec.file}`, () => {
  it("has exactly the ten operations core is mapped to", () => {
    assert.sameMembers(
      spec.operations.map((o) => o.key),
      Object.keys(operations)
    )
  })

  it("every parameter, body and response of the ten operations has a core schema", () => {
    assert.deepStrictEqual(unmappedSlots, [])
  })

  it("every schema node reached from an operation (property, array item, $ref) is paired with a core schema", () => {
    assert.deepStrictEqual(unexpectedProblems.filter((p) => UNPAIRED.includes(p.kind)).map(shown), [])
    assert.isAbove(walker.components.size, 0)
  })

  it("core agrees with the spec on what is required and what exists", () => {
    assert.deepStrictEqual(unexpectedProblems.filter((p) => !UNPAIRED.includes(p.kind)).map(shown), [])
  })

  it("each deliberate difference from the spec is still a difference", () => {
    const found = new Set([
      ...walker.problems.map((p) => key(p.kind, p.location)),
      ...walker.checks.map((c) => key(c.keyword, c.location)),
      ...wholeExamples.map((e) => key("whole-example", e.title))
    ])
    assert.deepStrictEqual(
      deliberate.map((d) => key(d.kind, d.at)).filter((k) => !found.has(k)),
      []
    )
  })

  it("the walk reached every example in the schemas of the ten operations", () => {
    const scanned = scanExamples(spec)
    assert.sameMembers([...walker.examples], [...scanned.examples])
    assert.sameMembers([...walker.components], [...scanned.components])
    assert.isAbove(walker.examples.size, 0)
  })
})

describe("values from the spec (example, default, enum, bounds)", () => {
  for (const check of walker.checks) {
    const value = JSON.stringify(check.value)
    const excuse = deliberate.find((d) => d.kind === check.keyword && d.at === check.location)
    const expect = excuse === undefined ? check.expect : "reject (deliberately)"
    it(`${check.keyword} ${value.length > 40 ? `${value.slice(0, 37)}...` : value} at ${check.location} -> ${expect} by ${check.target.name}`, () => {
      const result = decode(check.target, check.value)
      if (excuse !== undefined) {
        assert.isTrue(
          Either.isLeft(result),
          `listed as deliberate (${excuse.why}) but ${check.target.name} now accepts it (${check.pointer}): remove the entry`
        )
      } else if (check.expect === "accept") {
        if (Either.isLeft(result)) assert.fail(`${check.target.name} rejects the spec's ${check.keyword} (${check.pointer}): ${explain(result.left)}`)
      } else {
        assert.isTrue(Either.isLeft(result), `${check.target.name} accepts a value the spec rules out (${check.keyword}, ${check.pointer})`)
      }
    })
  }
})

describe("whole examples assembled from the spec", () => {
  for (const example of wholeExamples) {
    const excuse = deliberate.find((d) => d.kind === "whole-example" && d.at === example.title)
    it(`${example.title} ${excuse === undefined ? "decodes" : "is refused (deliberately)"} by ${example.target.name}`, () => {
      const result = decode(example.target, example.value)
      if (excuse !== undefined) {
        assert.isTrue(Either.isLeft(result), `listed as deliberate (${excuse.why}) but ${example.target.name} now accepts it: remove the entry`)
      } else if (Either.isLeft(result)) assert.fail(`${explain(result.left)}\nvalue: ${JSON.stringify(example.value)}`)
    })
  }
})

describe("nothing from the spec is stored in this package", () => {
  // Example strings and long descriptions, anywhere in the document.
  const values = new Set<string>()
  const collect = (value: unknown, key: string | undefined): void => {
    if (typeof value === "string") {
      if ((key === "example" && value.length >= 8) || (key === "description" && value.length >= 40)) values.add(value)
      return
    }
    if (Array.isArray(value)) {
      for (const item of value) collect(item, key === "example" ? key : undefined)
      return
    }
    if (isNode(value)) {
      for (const [k, v] of Object.entries(value)) collect(v, key === "example" ? key : k)
    }
  }
  collect(spec.document, undefined)

  const root = fileURLToPath(new URL("..", import.meta.url))
  const files = ["src", "test", "conformance", "bench"]
    .flatMap((dir) => {
      const at = join(root, dir)
      return existsSync(at) ? readdirSync(at, { recursive: true, encoding: "utf8" }).map((f) => join(at, f)) : []
    })
    .concat([join(root, "README.md")])
    .filter((file) => existsSync(file) && statSync(file).isFile())

  it("no example value or description of the OpenAPI document appears in src, test, conformance, bench or the README", () => {
    assert.isAbove(values.size, 0)
    const found = files.flatMap((file) => {
      const text = readFileSync(file, "utf8").toLowerCase()
      return [...values].filter((v) => text.includes(v.toLowerCase())).map((v) => `${file}: ${v.slice(0, 60)}`)
    })
    assert.deepStrictEqual(found, [])
  })

  it("no schema component name of the OpenAPI document appears in src, test, conformance, bench or the README", () => {
    const schemas = isNode(spec.document.components) && isNode(spec.document.components.schemas) ? spec.document.components.schemas : {}
    const names = Object.keys(schemas)
    assert.isAbove(names.length, 0)
    const found = files.flatMap((file) => {
      const text = readFileSync(file, "utf8")
      return names.filter((name) => text.includes(name)).map((name) => `${file}: ${name}`)
    })
    assert.deepStrictEqual(found, [])
  })
})
