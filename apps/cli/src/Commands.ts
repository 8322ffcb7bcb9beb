/**
 * The command table of `cf-accounts`: every command, the flags they all take,
 * and the command line's own flags. Parsing, help, completions and the
 * did-you-mean of errors are built from it.
 *
 * @since 0.1.0
 */
import * as LogLevel from "effect/LogLevel"
import * as CommandTable from "./CommandTable.js"
import * as Apply from "./commands/Apply.js"
import * as Audit from "./commands/Audit.js"
import * as BatchMove from "./commands/BatchMove.js"
import * as Completion from "./commands/Completion.js"
import * as Create from "./commands/Create.js"
import * as Delete from "./commands/Delete.js"
import * as Get from "./commands/Get.js"
import * as List from "./commands/List.js"
import * as Move from "./commands/Move.js"
import * as Organizations from "./commands/Organizations.js"
import * as Plan from "./commands/Plan.js"
import * as Profile from "./commands/Profile.js"
import * as Update from "./commands/Update.js"
import * as Flags from "./Flags.js"
import * as GlobalOptions from "./GlobalOptions.js"

const builtin = (name: string, value: string | undefined, choices: ReadonlyArray<string>, description: string, aliases: ReadonlyArray<string> = []) => ({
  name,
  aliases,
  value,
  choices,
  description,
  required: false
})

/**
 * The flags the command line handles itself, accepted in any position before
 * `--` (`--version` and `--completions` before the command only).
 *
 * @since 0.1.0
 */
export const builtins: ReadonlyArray<CommandTable.FlagInfo> = [
  builtin(
    "log-level",
    "level",
    LogLevel.allLevels.map((level) => level._tag.toLowerCase()),
    "Lowest level logged (default warning)"
  ),
  builtin("completions", Flags.shells.join("|"), Flags.shells, "Completion script (as: completion SHELL)"),
  builtin("help", undefined, [], "Show help for a command", ["h"]),
  builtin("version", undefined, [], "Print the version")
]

/**
 * The table.
 *
 * @since 0.1.0
 */
export const table: CommandTable.Table = CommandTable.make({
  summary: "Manage Cloudflare accounts from a terminal: every Accounts API operation.",
  global: GlobalOptions.flags,
  builtins,
  commands: [
    List.command,
    Get.command,
    Create.command,
    Update.command,
    Delete.command,
    Move.command,
    BatchMove.command,
    Organizations.command,
    Profile.command,
    Audit.command,
    Plan.command,
    Apply.command,
    Completion.command(() => table)
  ]
})
