/**
 * `cf-accounts completion bash|zsh|fish`: the completion script for a shell
 * (as `gh completion` and `kubectl completion`), built from the command table.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as CommandTable from "../CommandTable.js"
import * as Completions from "../Completions.js"
import * as Flags from "../Flags.js"
import { Stdio } from "../Stdio.js"

/**
 * The command, for the table `table()` returns (read when the command runs,
 * since the table includes this command).
 *
 * @since 0.1.0
 */
export const command = (table: () => CommandTable.Table) =>
  CommandTable.leaf({
    name: "completion",
    summary: "Print the completion script for a shell.",
    details: ["Load it in bash with: source <(cf-accounts completion bash); zsh alike; fish: cf-accounts completion fish | source."],
    examples: ["cf-accounts completion bash", "cf-accounts completion fish"],
    args: { shell: Flags.shellArg },
    flags: {},
    handler: (config) => Effect.flatMap(Stdio, (stdio) => stdio.out(Completions.script(table(), config.shell)))
  })
