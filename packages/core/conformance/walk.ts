/**
 * Walks the JSON Schemas of the OpenAPI document alongside core's Effect schemas:
 * every spec property must have a counterpart in core, every `example`, `default`
 * and `enum` value must decode, bounds must agree, and (for responses) core must
 * not require what the spec leaves optional. The walk only collects checks and
 * problems; the test file turns them into test cases.
 *
 * Core schemas are paired with the document's by where the operations reach them:
 * the walk starts at an operation's parameter, body or response with the core
 * schema mapped to it, and a property, array item or `$ref` it descends into is
 * paired with the matching field, element or (for a `$ref`) the same core schema.
 * So nothing here names the document's components; a spec node without a core
 * counterpart at the place it is reached is a problem.
 */
import type * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"
import { isNode, type Node, type Spec } from "./spec.js"

export type Side = "request" | "response"

/** A core schema, named for messages. */
export interface Target {
  readonly name: string
  readonly ast: AST.AST
}

export const target = (name: string, schema: Schema.Schema.AnyNoContext): Target => ({ name, ast: schema.ast })

export const escapePointer = (segment: string): string => segment.replace(/~/g, "~0").replace(/\//g, "~1")

/**
 * Where the walk is: the slot of an operation (`"GET /accounts 200"`, `"POST /accounts body"`,
 * `"GET /accounts query page"`, `"GET /accounts/{account_id} path account_id"`), the field path
 * below it (`"result_info.count"`, `"result[].name"`, `{}` for additionalProperties)
 * and the JSON pointer of the spec node (for messages; it may name a component).
 */
export interface At {
  readonly slot: string
  readonly field: string
  readonly pointer: string
}

/** `"GET /accounts 200 result_info.count"`: how `deliberate` entries and test titles name a place. */
export const locate = (at: At): string => (at.field === "" ? at.slot : `${at.slot} ${at.field}`)

export const start = (slot: string, pointer: string): At => ({ slot, field: "", pointer })

const below = (at: At, field: string, pointer: string): At => ({ slot: at.slot, field, pointer })
const propertyOf = (at: At, name: string): At =>
  below(at, at.field === "" ? name : `${at.field}.${name}`, `${at.pointer}/properties/${escapePointer(name)}`)
const itemsOf = (at: At): At => below(at, `${at.field}[]`, `${at.pointer}/items`)
const valuesOf = (at: At): At => below(at, `${at.field}{}`, `${at.pointer}/additionalProperties`)

/** One value from the document and what core must do with it. */
export interface ValueCheck {
  /** `locate(at)` */
  readonly location: string
  readonly pointer: string
  readonly keyword: string
  readonly value: unknown
  readonly target: Target
  readonly expect: "accept" | "reject"
}

export interface Problem {
  readonly kind:
    | "no-counterpart"
    | "unknown-to-spec"
    | "stricter-than-spec"
    | "laxer-than-spec"
    | "unsupported-keyword"
  /** `locate(at)` */
  readonly location: string
  readonly pointer: string
  readonly detail: string
}

// ---------------------------------------------------------------------------
// Navigating Effect schema ASTs by property name
// ---------------------------------------------------------------------------

/** The struct-like or array-like nodes a schema can be, looking through wrappers. */
const shapes = (ast: AST.AST): ReadonlyArray<AST.TypeLiteral | AST.TupleType> => {
  switch (ast._tag) {
    case "TypeLiteral":
    case "TupleType":
      return [ast]
    // The encoded side carries the full property schemas (with their defaults).
    case "Transformation":
    case "Refinement":
      return shapes(ast.from)
    case "Suspend":
      return shapes(ast.f())
    case "Union":
      return ast.types.flatMap(shapes)
    default:
      return []
  }
}

export interface Found {
  readonly type: AST.AST
  readonly optional: boolean
  readonly viaIndexSignature: boolean
}

export const property = (ast: AST.AST, name: string): Found | undefined => {
  const literals = shapes(ast).filter((s): s is AST.TypeLiteral => s._tag === "TypeLiteral")
  for (const literal of literals) {
    const signature = literal.propertySignatures.find((p) => p.name === name)
    if (signature !== undefined) {
      return { type: signature.type, optional: signature.isOptional, viaIndexSignature: false }
    }
  }
  for (const literal of literals) {
    const index = literal.indexSignatures.find((i) => i.parameter._tag === "StringKeyword")
    if (index !== undefined) return { type: index.type, optional: true, viaIndexSignature: true }
  }
  return undefined
}

export const indexSignature = (ast: AST.AST): AST.AST | undefined => {
  for (const shape of shapes(ast)) {
    if (shape._tag !== "TypeLiteral") continue
    const index = shape.indexSignatures.find((i) => i.parameter._tag === "StringKeyword")
    if (index !== undefined) return index.type
  }
  return undefined
}

/** The property names a schema declares, and whether each is required. */
export const declaredProperties = (ast: AST.AST): ReadonlyArray<{ readonly name: string; readonly optional: boolean }> =>
  shapes(ast).flatMap((s) =>
    s._tag === "TypeLiteral"
      ? s.propertySignatures.map((p) => ({ name: String(p.name), optional: p.isOptional }))
      : []
  )

export const items = (ast: AST.AST): AST.AST | undefined => {
  for (const shape of shapes(ast)) {
    if (shape._tag !== "TupleType") continue
    const item = shape.rest[0]?.type ?? shape.elements[0]?.type
    if (item !== undefined) return item
  }
  return undefined
}

// ---------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------

const COMPOSITIONS = ["allOf", "oneOf", "anyOf", "not"]

/** A property that the client never sends: marked readOnly, or all of its properties are. */
export const isReadOnly = (spec: Spec, node: Node): boolean => {
  const resolved = typeof node.$ref === "string" ? { ...spec.resolve(node.$ref), ...node } : node
  if (resolved.readOnly === true) return true
  if (isNode(resolved.properties)) {
    const children = Object.values(resolved.properties).filter(isNode)
    return children.length > 0 && children.every((child) => isReadOnly(spec, child))
  }
  return false
}

const typeOf = (spec: Spec, node: Node): unknown =>
  node.type ?? (typeof node.$ref === "string" ? spec.resolve(node.$ref).type : undefined)

/** A string of `length` characters that any string rule in core (ids, names) accepts. */
export const stringOfLength = (length: number): string => "0".repeat(length)

export class Walker {
  readonly checks: Array<ValueCheck> = []
  readonly problems: Array<Problem> = []
  /** Pointers of the nodes whose `example` was checked. */
  readonly examples = new Set<string>()
  /** Components reached from the operations (names read from the document at test time). */
  readonly components = new Set<string>()
  /** The `$ref`s being walked on the current path, so a recursive component is walked once per descent. */
  private readonly active = new Set<string>()

  constructor(private readonly spec: Spec) {}

  private problem(kind: Problem["kind"], at: At, detail: string): void {
    this.problems.push({ kind, location: locate(at), pointer: at.pointer, detail })
  }

  walk(node: Node, at: At, target: Target, side: Side): void {
    for (const keyword of COMPOSITIONS) {
      if (keyword in node) {
        this.problem("unsupported-keyword", at, `"${keyword}" is new in the spec; teach the conformance walker (and core) about it`)
      }
    }
    this.values(node, at, target, side)

    if (typeof node.$ref === "string") {
      this.ref(node.$ref, at, target, side)
      return
    }

    if (isNode(node.properties)) this.properties(node, node.properties, at, target, side)

    if (isNode(node.additionalProperties)) {
      const index = indexSignature(target.ast)
      if (index === undefined) {
        this.problem("no-counterpart", valuesOf(at), `the spec allows any further keys, ${target.name} drops them`)
      } else {
        this.walk(node.additionalProperties, valuesOf(at), { name: `${target.name}[string]`, ast: index }, side)
      }
    }

    if (isNode(node.items)) {
      const item = items(target.ast)
      if (item === undefined) {
        this.problem("no-counterpart", itemsOf(at), `${target.name} is not an array`)
      } else {
        this.walk(node.items, itemsOf(at), { name: `${target.name}[number]`, ast: item }, side)
      }
    }
  }

  /** A `$ref`'d component is paired with the core schema of the place it is reached from. */
  private ref(ref: string, at: At, target: Target, side: Side): void {
    const name = this.spec.componentName(ref)
    if (name === undefined) {
      this.problem("unsupported-keyword", at, `$ref ${ref} is not a schema component`)
      return
    }
    this.components.add(name)
    if (this.active.has(ref)) return
    this.active.add(ref)
    this.walk(this.spec.resolve(ref), below(at, at.field, `#/components/schemas/${escapePointer(name)}`), target, side)
    this.active.delete(ref)
  }

  private properties(node: Node, properties: Node, at: At, target: Target, side: Side): void {
    const required = new Set(Array.isArray(node.required) ? node.required.map(String) : [])
    const sent = new Set<string>()
    for (const [name, schema] of Object.entries(properties)) {
      if (!isNode(schema)) continue
      const here = propertyOf(at, name)
      if (side === "request" && isReadOnly(this.spec, schema)) continue
      sent.add(name)
      const found = property(target.ast, name)
      if (found === undefined) {
        this.problem("no-counterpart", here, `spec property "${name}" has no counterpart in ${target.name}`)
        continue
      }
      if (side === "response" && !found.optional && !required.has(name)) {
        this.problem("stricter-than-spec", here, `${target.name} requires "${name}" in responses; the spec does not`)
      }
      if (side === "request" && found.optional && required.has(name)) {
        this.problem("laxer-than-spec", here, `the spec requires "${name}" in requests; ${target.name} lets it be left out`)
      }
      this.walk(schema, here, { name: `${target.name}.${name}`, ast: found.type }, side)
    }
    for (const declared of declaredProperties(target.ast)) {
      if (sent.has(declared.name) || declared.name in properties) continue
      if (side === "request" || !declared.optional) {
        this.problem(
          "unknown-to-spec",
          at,
          side === "request"
            ? `${target.name} can send "${declared.name}", which the spec does not define`
            : `${target.name} requires "${declared.name}", which the spec does not define`
        )
      }
    }
  }

  private values(node: Node, at: At, target: Target, side: Side): void {
    const { pointer } = at
    const location = locate(at)
    const accept = (keyword: string, value: unknown) =>
      this.checks.push({ location, pointer, keyword, value, target, expect: "accept" })
    const reject = (keyword: string, value: unknown) =>
      this.checks.push({ location, pointer, keyword, value, target, expect: "reject" })

    if ("example" in node) {
      this.examples.add(pointer)
      accept("example", node.example)
    }
    if ("default" in node) accept("default", node.default)
    const type = typeOf(this.spec, node)
    if (Array.isArray(node.enum)) {
      for (const value of node.enum) accept("enum", value)
      if (side === "request" && type === "string") reject("enum (a value outside it)", `${node.enum.join("-")}-other`)
    }
    if (node.nullable === true && side === "response") accept("nullable", null)

    if ((type === "number" || type === "integer") && !Array.isArray(node.enum)) {
      if (typeof node.minimum === "number") {
        accept("minimum", node.minimum)
        if (side === "request") reject("minimum (one below)", node.minimum - 1)
      }
      if (typeof node.maximum === "number") {
        accept("maximum", node.maximum)
        if (side === "request") reject("maximum (one above)", node.maximum + 1)
      }
    }
    if (type === "string" && !Array.isArray(node.enum) && node.format === undefined && node.pattern === undefined) {
      if (typeof node.maxLength === "number") {
        accept("maxLength", stringOfLength(node.maxLength))
        if (side === "request") reject("maxLength (one more)", stringOfLength(node.maxLength + 1))
      }
      if (typeof node.minLength === "number" && node.minLength > 0) {
        accept("minLength", stringOfLength(node.minLength))
        if (side === "request") reject("minLength (one less)", stringOfLength(node.minLength - 1))
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Whole examples
// ---------------------------------------------------------------------------

/**
 * A whole value for `node`, assembled from the document: its `example` where it has
 * one, else its `default` or first `enum` value, else a value of its type (objects
 * and arrays built from their parts). Strings without an example become a string
 * that any id or name rule in core accepts.
 */
export const buildExample = (spec: Spec, node: Node, side: Side): unknown => {
  if ("example" in node) return node.example
  if (typeof node.$ref === "string") return buildExample(spec, spec.resolve(node.$ref), side)
  if ("default" in node) return node.default
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0]
  if (isNode(node.properties)) {
    const result: Record<string, unknown> = {}
    for (const [name, child] of Object.entries(node.properties)) {
      if (!isNode(child) || (side === "request" && isReadOnly(spec, child))) continue
      const value = buildExample(spec, child, side)
      if (value !== undefined) result[name] = value
    }
    return result
  }
  switch (node.type) {
    case "object":
      return {}
    case "array": {
      if (node.maxItems === 0 || !isNode(node.items)) return []
      const item = buildExample(spec, node.items, side)
      return item === undefined ? [] : [item]
    }
    case "string":
      return node.format === "date-time" ? "2001-02-03T04:05:06Z" : stringOfLength(typeof node.minLength === "number" ? Math.max(node.minLength, 32) : 32)
    case "number":
    case "integer":
      return typeof node.minimum === "number" ? node.minimum : 1
    case "boolean":
      return true
    default:
      return undefined
  }
}

/** Pointers of every `example` reachable from the operations, found by a plain scan (to cross-check the walk). */
export const scanExamples = (spec: Spec): { readonly examples: Set<string>; readonly components: Set<string> } => {
  const examples = new Set<string>()
  const components = new Set<string>()
  const visit = (value: unknown, pointer: string): void => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${pointer}/${i}`)
      return
    }
    if (!isNode(value)) return
    if ("example" in value) examples.add(pointer)
    if (typeof value.$ref === "string") {
      const name = spec.componentName(value.$ref)
      if (name !== undefined && !components.has(name)) {
        components.add(name)
        visit(spec.resolve(value.$ref), `#/components/schemas/${escapePointer(name)}`)
      }
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === "example" || key === "examples") continue
      visit(child, `${pointer}/${escapePointer(key)}`)
    }
  }
  for (const operation of spec.operations) {
    visit(operation.node, `#/paths/${escapePointer(operation.path)}/${operation.method.toLowerCase()}`)
  }
  return { examples, components }
}
