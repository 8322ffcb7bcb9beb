/**
 * Reading a policy file: YAML (JSON is YAML) through `yaml`'s document API,
 * which keeps each node's place in the text, then the schema. A problem is
 * placed at the node its path names, or the nearest one that exists (a missing
 * key is placed at the map that lacks it; an unknown key at the key).
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { type Alias, type Document, isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from "yaml"
import { PolicyFile } from "../PolicyFile.js"
import { type Problem, PolicyFileError } from "../PolicyFileError.js"

const decode = Schema.decodeUnknownEither(PolicyFile, { errors: "all", onExcessProperty: "error" })

/**
 * Where the node at `path` starts, or the deepest node on the way there when
 * the path goes further than the text; `key`: where the last key starts, when
 * the path ends at one.
 */
const locate = (root: unknown, path: ReadonlyArray<PropertyKey>): { readonly offset: number; readonly key?: number } => {
  let node: unknown = root
  let offset = rangeStart(root) ?? 0
  let key: number | undefined
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment))
      if (pair === undefined) break
      node = pair.value ?? pair.key
      offset = rangeStart(node) ?? offset
      if (index === path.length - 1) key = rangeStart(pair.key)
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment]
      if (item === undefined) break
      node = item
      offset = rangeStart(item) ?? offset
    } else break
  }
  return key === undefined ? { offset } : { offset, key }
}

const rangeStart = (node: unknown): number | undefined => {
  const range = (node as Node | null | undefined)?.range
  return Array.isArray(range) ? range[0] : undefined
}

const extends_ = (longer: ReadonlyArray<PropertyKey>, shorter: ReadonlyArray<PropertyKey>) =>
  longer.length > shorter.length && shorter.every((segment, index) => longer[index] === segment)

/**
 * The issues a person acts on. A union reports every member it tried: the
 * `undefined` of an optional key, and the members a value did not fit when a
 * deeper issue says what is wrong inside the one it did. Those are dropped.
 */
const relevant = (issues: ReadonlyArray<ParseResult.ArrayFormatterIssue>): ReadonlyArray<ParseResult.ArrayFormatterIssue> =>
  issues
    .filter((issue) => !issue.message.startsWith("Expected undefined,"))
    .filter((issue, _, all) => issue._tag !== "Type" || !all.some((other) => extends_(other.path, issue.path)))

const dotted = (path: ReadonlyArray<PropertyKey>) => path.map(String).join(".")

/** `Expected { readonly pattern: Pattern }, actual true` → `{ pattern: Pattern }` and `true`. */
const EXPECTED = /^Expected (.*), actual (.*)$/s

const plain = (type: string) => type.replace(/readonly /g, "").replace(/ \| undefined/g, "")

/**
 * Issues as a person reads them: a union's members that a value fits none of
 * (several `Expected X, actual V` at one path) become one `must be X or Y, not V`;
 * a missing first item of a list that must not be empty (`allowed: []`) is said
 * so, at the list.
 */
const readable = (issues: ReadonlyArray<ParseResult.ArrayFormatterIssue>): ReadonlyArray<ParseResult.ArrayFormatterIssue> => {
  const out: Array<ParseResult.ArrayFormatterIssue> = []
  const merged = new Map<string, { expected: Array<string>; actual: string; index: number }>()
  for (const issue of issues) {
    const last = issue.path[issue.path.length - 1]
    if (issue._tag === "Missing" && last === 0) {
      out.push({ ...issue, path: issue.path.slice(0, -1), message: "must not be empty" })
      continue
    }
    const match = issue._tag === "Type" ? EXPECTED.exec(issue.message) : null
    if (match === null) {
      out.push(issue)
      continue
    }
    const key = dotted(issue.path)
    const seen = merged.get(key)
    if (seen === undefined) {
      merged.set(key, { expected: [plain(match[1]!)], actual: match[2]!, index: out.length })
      out.push(issue)
    } else {
      seen.expected.push(plain(match[1]!))
      out[seen.index] = { ...out[seen.index]!, message: `must be ${seen.expected.join(" or ")}, not ${seen.actual}` }
    }
  }
  return out
}

/**
 * How many nodes the aliases of a file may add once expanded. Legitimate reuse
 * (a hundred accounts sharing `settings: *std`) adds hundreds; an alias bomb
 * (aliases of aliases) adds millions and would take the decoder with it.
 */
export const MAX_ALIAS_EXPANSION = 100_000

type Expansion =
  | { readonly _tag: "fits" }
  | { readonly _tag: "cycle"; readonly alias: Alias }
  | { readonly _tag: "tooLarge"; readonly alias: Alias; readonly size: number }

/**
 * Whether the document, with every alias expanded, stays within
 * {@link MAX_ALIAS_EXPANSION} more nodes than it has as written. Counted with one
 * size per node (memoised), so a bomb is measured without being expanded.
 */
const expansion = (document: Document): Expansion => {
  // Each alias refers to the last node with its anchor before it (in document order).
  const anchored = new Map<string, Node>()
  const targets = new Map<Alias, Node>()
  let written = 0
  visit(document, {
    Node: (_key, node) => {
      written++
      if (isAlias(node)) {
        const target = anchored.get(node.source)
        if (target !== undefined) targets.set(node, target)
      } else if (node.anchor !== undefined) anchored.set(node.anchor, node)
    },
    Pair: () => void written++
  })
  if (targets.size === 0) return { _tag: "fits" }
  const sizes = new Map<unknown, number>()
  const open = new Set<unknown>()
  let cycle: Alias | undefined
  const size = (node: unknown): number => {
    if (!isNode(node) && !isPair(node)) return 1
    const known = sizes.get(node)
    if (known !== undefined) return known
    if (open.has(node)) return 0
    open.add(node)
    let total = 1
    if (isAlias(node)) {
      const target = targets.get(node)
      if (target !== undefined) {
        if (open.has(target)) cycle ??= node
        else total = size(target)
      }
    } else if (isPair(node)) total += size(node.key) + size(node.value)
    else if (isMap(node) || isSeq(node)) for (const item of node.items) total += size(item)
    open.delete(node)
    sizes.set(node, total)
    return total
  }
  const expanded = size(document.contents)
  if (cycle !== undefined) return { _tag: "cycle", alias: cycle }
  if (expanded - written <= MAX_ALIAS_EXPANSION) return { _tag: "fits" }
  // Shown at the alias that expands to the most (the first of those).
  let largest: Alias | undefined
  for (const alias of targets.keys()) if (largest === undefined || size(alias) > size(largest)) largest = alias
  return { _tag: "tooLarge", alias: largest!, size: expanded }
}

/** A directive (`%YAML`, `%TAG`): where the first one starts, if the text has one before its document. */
const directiveAt = (document: Document, text: string): number | undefined => {
  const explicit = document.directives?.yaml.explicit === true || Object.keys(document.directives?.tags ?? {}).some((h) => h !== "!!")
  if (!explicit) return undefined
  const match = /^%/m.exec(text)
  return match === null ? 0 : match.index
}

/** What was read where a string was expected, when it was not one: a number, a boolean, a date. */
const notAString = (node: unknown): string | undefined => {
  if (!isScalar(node)) return undefined
  const value = node.value
  if (typeof value === "number" || typeof value === "bigint") return "a number"
  if (typeof value === "boolean") return "a boolean"
  if (value instanceof Date) return "a date"
  return undefined
}

/** The node at `path`, when the text has it. */
const nodeAt = (root: unknown, path: ReadonlyArray<PropertyKey>): unknown => {
  let node: unknown = root
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment))
      if (pair === undefined) return undefined
      node = pair.value
    } else if (isSeq(node) && typeof segment === "number") node = node.items[segment]
    else return undefined
  }
  return node
}

/** The file, or every problem in it. */
export const parse = (text: string, source: string): Either.Either<PolicyFile, PolicyFileError> => {
  const lineCounter = new LineCounter()
  // YAML 1.2 (core schema) only: a `%YAML 1.1` directive would turn `yes` into true and dates into Date objects.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: "1.2", schema: "core" })
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  const refuse = (problems: ReadonlyArray<Problem>) =>
    Either.left(new PolicyFileError({ source, problems: [...problems].sort((a, b) => a.line - b.line || a.column - b.column) }))
  // Errors and warnings alike (an unknown tag such as `!foo` is a warning to `yaml`): a file is read one way or refused.
  const yamlProblems: Array<Problem> = [...document.errors, ...document.warnings].map((error) => ({
    ...at(error.pos[0]),
    path: "",
    message: error.message.split("\n")[0] ?? error.code
  }))
  const directive = directiveAt(document, text)
  if (directive !== undefined) {
    yamlProblems.push({
      ...at(directive),
      path: "",
      message: "directives (%YAML, %TAG) are not accepted: a policy file is read as YAML 1.2"
    })
  }
  if (yamlProblems.length > 0) return refuse(yamlProblems)
  const expanded = expansion(document)
  if (expanded._tag !== "fits") {
    return refuse([
      {
        ...at(rangeStart(expanded.alias) ?? 0),
        path: "",
        message:
          expanded._tag === "cycle"
            ? `the alias *${expanded.alias.source} refers to a node that contains it`
            : `the aliases expand the file to ${expanded.size} nodes, more than ${MAX_ALIAS_EXPANSION} beyond what it has as written (an alias bomb?); the largest is *${expanded.alias.source}`
      }
    ])
  }
  // The expansion was bounded above, so every alias may be resolved; anything `toJS` still throws is a problem, not a crash.
  const converted = Either.try({
    try: () => document.toJS({ maxAliasCount: -1 }) ?? {},
    catch: (error) => (error instanceof Error ? error.message : String(error))
  })
  if (Either.isLeft(converted)) return refuse([{ ...at(0), path: "", message: converted.left }])
  const value: unknown = converted.right
  const decoded = decode(value)
  if (Either.isRight(decoded)) return Either.right(decoded.right)
  const problems: Array<Problem> = readable(relevant(ParseResult.ArrayFormatter.formatErrorSync(decoded.left))).map((issue) => {
    const { offset, key } = locate(document.contents, issue.path)
    const unexpected = issue._tag === "Unexpected"
    // An unknown key is shown at the key; any other problem at the value.
    const where = unexpected ? (key ?? offset) : offset
    const read = unexpected ? undefined : notAString(nodeAt(document.contents, issue.path))
    return {
      ...at(where),
      path: dotted(issue.path),
      message: unexpected
        ? "is not a known key"
        : read !== undefined && /^Expected (a )?string/i.test(issue.message)
          ? `must be text, and YAML read ${read}: quote it`
          : issue.message
    }
  })
  return refuse(problems)
}
