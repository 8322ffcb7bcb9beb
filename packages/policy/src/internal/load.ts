/**
 * Reading a policy file: YAML (JSON is YAML) through `yaml`'s document API,
 * which keeps each node's place in the text, then the schema. A problem is
 * placed at the node its path names, or the nearest one that exists (a missing
 * key is placed at the map that lacks it; an unknown key at the key).
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml"
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

/** The file, or every problem in it. */
export const parse = (text: string, source: string): Either.Either<PolicyFile, PolicyFileError> => {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  if (document.errors.length > 0) {
    const problems: Array<Problem> = document.errors.map((error) => ({
      ...at(error.pos[0]),
      path: "",
      message: error.message.split("\n")[0] ?? error.code
    }))
    return Either.left(new PolicyFileError({ source, problems }))
  }
  const value = document.toJS({ maxAliasCount: 100 }) ?? {}
  const decoded = decode(value)
  if (Either.isRight(decoded)) return Either.right(decoded.right)
  const problems: Array<Problem> = relevant(ParseResult.ArrayFormatter.formatErrorSync(decoded.left)).map((issue) => {
    const { offset, key } = locate(document.contents, issue.path)
    const unexpected = issue._tag === "Unexpected"
    // An unknown key is shown at the key; any other problem at the value.
    const where = unexpected ? (key ?? offset) : offset
    return {
      ...at(where),
      path: dotted(issue.path),
      message: unexpected ? "is not a known key" : issue.message
    }
  })
  problems.sort((a, b) => a.line - b.line || a.column - b.column)
  return Either.left(new PolicyFileError({ source, problems }))
}
