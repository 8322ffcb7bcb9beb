/**
 * The `cf-accounts` command: every Accounts operation as a subcommand.
 *
 * @since 0.1.0
 */
import * as Command from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Span from "@effect/cli/HelpDoc/Span"
import * as BatchMove from "./commands/BatchMove.js"
import * as Create from "./commands/Create.js"
import * as Delete from "./commands/Delete.js"
import * as Get from "./commands/Get.js"
import * as List from "./commands/List.js"
import * as Move from "./commands/Move.js"
import * as Organizations from "./commands/Organizations.js"
import * as Profile from "./commands/Profile.js"
import * as Update from "./commands/Update.js"
import * as HelpText from "./HelpText.js"
import * as ParseErrors from "./ParseErrors.js"
import { version } from "./Version.js"

const description = HelpDoc.blocks([
  HelpDoc.p("Manage Cloudflare accounts from a terminal: every Accounts API operation."),
  HelpDoc.p(
    "Credentials come from the environment only: CLOUDFLARE_API_TOKEN, or CLOUDFLARE_API_KEY and CLOUDFLARE_EMAIL. CLOUDFLARE_BASE_URL (or --base-url) changes the API base URL."
  ),
  HelpDoc.p(
    "Every command takes --output table|json|ndjson (-o; table on a terminal, json otherwise), --base-url URL and --verbose (each HTTP attempt on stderr). Writes take --dry-run."
  ),
  HelpDoc.p(Span.strong("Exit codes")),
  HelpDoc.enumeration([
    HelpDoc.p("0  success"),
    HelpDoc.p(
      "2  invalid usage or input (bad id or flag value, unknown flag, missing credentials, refused base URL): nothing was sent"
    ),
    HelpDoc.p("3  authentication or permission (401, 403)"),
    HelpDoc.p("4  not found (404); no such route (a wrong base URL) is 1"),
    HelpDoc.p("5  rate limited (429) after retries"),
    HelpDoc.p("6  listing incomplete or inconsistent (list --all)"),
    HelpDoc.p("1  any other failure")
  ]),
  HelpDoc.p("Example: cf-accounts list --all -o ndjson")
])

/**
 * The root's subcommands.
 *
 * @since 0.1.0
 */
export const subcommands = [
  List.command,
  Get.command,
  Create.command,
  Update.command,
  Delete.command,
  Move.command,
  BatchMove.command,
  Organizations.command,
  Profile.command
] as const

/**
 * The root command.
 *
 * @since 0.1.0
 */
export const command = Command.make("cf-accounts").pipe(
  Command.withDescription(description),
  Command.withSubcommands(subcommands)
)

const names = subcommands.map(ParseErrors.namesOf)

const runCommand = Command.run(command, { name: "cf-accounts", version })

/**
 * Parses `argv` (the whole `process.argv`) and runs the matching command;
 * `help [command]` is `[command] --help`. Every error, the parser's included, is
 * one line on stderr: `cf-accounts <command>: ...`, with the nearest known command
 * or flag when one was mistyped; help has no colours when stdout is not a terminal.
 *
 * @since 0.1.0
 */
export const run = (argv: ReadonlyArray<string>) => {
  const args = ParseErrors.helpArgs(argv.slice(2))
  return runCommand([...argv.slice(0, 2), ...args]).pipe(
    ParseErrors.oneLinePerError(names, args),
    HelpText.plainWhenPiped
  )
}
