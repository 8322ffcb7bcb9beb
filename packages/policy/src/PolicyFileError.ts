/**
 * The error of a policy file that cannot be used: every problem found, each at
 * its line and column.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * One problem: where (1-based `line` and `column`; `path` as `policy.name.pattern`,
 * empty for the whole file) and which rule it breaks (`message`).
 *
 * @since 0.1.0
 */
export const Problem = Schema.Struct({
  line: Schema.Number,
  column: Schema.Number,
  path: Schema.String,
  message: Schema.String
}).annotations({ identifier: "Problem" })

/** @since 0.1.0 */
export type Problem = typeof Problem.Type

/**
 * A file that is not valid YAML or not a valid policy file. Nothing was sent.
 * `message` lists each problem as `source:line:column: path: rule`.
 *
 * @since 0.1.0
 */
export class PolicyFileError extends Schema.TaggedError<PolicyFileError>()("PolicyFileError", {
  source: Schema.String,
  problems: Schema.Array(Problem)
}) {
  override get message(): string {
    const lines = this.problems.map(
      (p) => `${this.source}:${p.line}:${p.column}: ${p.path === "" ? "" : `${p.path}: `}${p.message}`
    )
    return `${this.source} is not a valid policy file:\n${lines.join("\n")}`
  }
}
