/**
 * `cf-accounts list`: one page of accounts, or every account with `--all`.
 *
 * @since 0.1.0
 */
import { AccountsClient, type ListParams, type PageParams } from "@cf-accounts/client/AccountsClient"
import * as Command from "@effect/cli/Command"
import * as CliOptions from "@effect/cli/Options"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { UsageError } from "../CliError.js"
import * as Columns from "../Columns.js"
import * as Flags from "../Flags.js"
import * as GlobalOptions from "../GlobalOptions.js"
import { field } from "../internal/fields.js"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"
import * as Runner from "../Runner.js"
import { Stdio } from "../Stdio.js"

const config = {
  global: GlobalOptions.options,
  name: CliOptions.optional(Flags.accountName("Only accounts with this name.")),
  direction: Flags.direction,
  page: Flags.page,
  perPage: Flags.perPage,
  all: CliOptions.boolean("all").pipe(
    CliOptions.withDescription("Every account, page after page, printed as it arrives (with -o ndjson, memory stays flat).")
  )
}

type Config = Command.Command.ParseConfig<typeof config>

const listAll = (params: PageParams, format: Output.Format) =>
  Effect.gen(function* () {
    const client = yield* AccountsClient
    const progress = yield* Progress.make("fetched", "accounts")
    let total: number | undefined
    const rows = client.pages(params).pipe(
      Stream.tap((page) =>
        Effect.sync(() => {
          total = page.result_info.total_count
        })
      ),
      Stream.flatMap((page) => Stream.fromIterable(page.result))
    )
    yield* Output.printStream(format, Columns.accounts, rows, {
      before: progress.clear,
      after: (count) => progress.update(count, total)
    }).pipe(
      Effect.ensuring(progress.finish)
    )
  })

const listPage = (params: ListParams, format: Output.Format) =>
  Effect.gen(function* () {
    const client = yield* AccountsClient
    const page = yield* client.list(params)
    yield* Output.printList(format, Columns.accounts, page.result)
    if (format === "table") {
      const info = page.result_info
      const pages = info.total_pages ?? Math.max(1, Math.ceil(info.total_count / Math.max(1, info.per_page)))
      const stdio = yield* Stdio
      yield* stdio.err(`page ${info.page} of ${pages}, ${info.count} of ${info.total_count} accounts\n`)
    }
  })

const handler = (config: Config) =>
  Runner.run("list", config.global, (format) =>
    Effect.gen(function* () {
      if (config.all && Option.isSome(config.page)) {
        return yield* new UsageError({ reason: "--page cannot be combined with --all" })
      }
      const params = {
        ...field("name", config.name),
        ...field("direction", config.direction),
        ...field("per_page", config.perPage)
      }
      const run = config.all ? listAll(params, format) : listPage({ ...params, ...field("page", config.page) }, format)
      return yield* Runner.withClient(config.global)(run)
    })
  )

/**
 * @since 0.1.0
 */
export const command = Command.make("list", config, handler).pipe(
  Command.withDescription(
    "List accounts: one page by default, every account with --all.\n\nExample: cf-accounts list --name acme --per-page 50 --all -o ndjson"
  )
)
