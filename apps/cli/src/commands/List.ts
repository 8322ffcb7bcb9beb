/**
 * `cf-accounts list`: one page of accounts, or every account with `--all`.
 *
 * @since 0.1.0
 */
import { AccountsClient, type ListingWarning, type ListParams, type PageParams } from "@cf-accounts/client/AccountsClient"
import { totalCountBounds } from "@cf-accounts/client/Listing"
import type { Account } from "@cf-accounts/core/Account"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import { UsageError } from "../CliError.js"
import * as Columns from "../Columns.js"
import * as CommandTable from "../CommandTable.js"
import * as Flags from "../Flags.js"
import type { GlobalOptions } from "../GlobalOptions.js"
import { field } from "../internal/fields.js"
import * as Output from "../Output.js"
import * as Progress from "../Progress.js"
import * as Runner from "../Runner.js"
import { Stdio } from "../Stdio.js"

const flags = {
  name: Flags.optional(Flags.accountName("Accounts whose name contains this text")),
  direction: Flags.direction,
  page: Flags.page,
  perPage: Flags.perPage,
  all: Flags.boolean("all", "Every account, once two passes agree (else exit 6)"),
  allowPartial: Flags.boolean("allow-partial", "With --all: print rows as they arrive"),
  singlePass: Flags.boolean("single-pass", "With --all: one pass, half the requests, less sure")
}

interface Config {
  readonly global: GlobalOptions
  readonly name: Option.Option<string>
  readonly direction: Option.Option<"asc" | "desc">
  readonly page: Option.Option<number>
  readonly perPage: Option.Option<number>
  readonly all: boolean
  readonly allowPartial: boolean
  readonly singlePass: boolean
}

/**
 * Every account. By default the rows are kept until the listing has completed
 * (the client checks it is consistent, or fails with IncompleteListingError), so
 * nothing of an incomplete listing is printed; with `partial` they are printed as
 * they arrive. Unless `singlePass`, the client confirms the listing with a second
 * pass that lists the same accounts. What the listing could not verify (any
 * `ListingWarning`: no `total_count` to check its end against, or a filtered listing
 * that ended below its `total_count`) is said on stderr once it has completed, one
 * `warning:` line each, after the progress line has ended; stdout and the exit code
 * are as for a verified listing. A filtered listing's `total_count` (of every
 * account, by the spec) is not shown as its total.
 */
const listAll = (params: PageParams, format: Output.Format, partial: boolean, singlePass: boolean) =>
  Effect.gen(function* () {
    const client = yield* AccountsClient
    const stdio = yield* Stdio
    const progress = yield* Progress.make("fetched", "accounts")
    const counted = totalCountBounds(params)
    let total: number | undefined
    const warnings: Array<ListingWarning> = []
    const onWarning = (warning: ListingWarning) => Effect.sync(() => warnings.push(warning))
    const rows = client.pages({ ...params, confirm: !singlePass, onWarning }).pipe(
      Stream.tap((page) =>
        Effect.sync(() => {
          if (counted) total = page.result_info?.total_count ?? total
        })
      ),
      Stream.flatMap((page) => Stream.fromIterable(page.result))
    )
    const warn = Effect.forEach(warnings, (warning) => stdio.err(`cf-accounts list: warning: ${warning.message}\n`), { discard: true })
    if (partial) {
      yield* Output.printStream(format, Columns.accounts, rows, {
        before: progress.clear,
        after: (count) => progress.update(count, total)
      }).pipe(Effect.ensuring(progress.finish))
      return yield* warn
    }
    const listed: Array<Account> = []
    yield* Stream.runForEach(rows, (row) => {
      listed.push(row)
      return progress.update(listed.length, total)
    }).pipe(Effect.ensuring(progress.finish))
    yield* Output.printList(format, Columns.accounts, listed)
    yield* warn
  })

const listPage = (params: ListParams, format: Output.Format) =>
  Effect.gen(function* () {
    const client = yield* AccountsClient
    const page = yield* client.list(params)
    yield* Output.printList(format, Columns.accounts, page.result)
    if (format === "table") {
      // A field sent as null is read as absent.
      const info = page.result_info ?? undefined
      const count = info?.count ?? page.result.length
      const perPage = info?.per_page ?? params.per_page ?? 20
      const total = info?.total_count ?? undefined
      const at = `page ${info?.page ?? params.page ?? 1}`
      const stdio = yield* Stdio
      // Without total_count (optional in the spec), or with one that counts every account
      // rather than those the search lists, the footer says what it knows.
      if (total === undefined) {
        yield* stdio.err(`${at}, ${count} accounts (no total_count)\n`)
      } else if (!totalCountBounds(params)) {
        yield* stdio.err(`${at}, ${count} accounts (filtered; by the spec, total_count ${total} counts the accounts without the filter)\n`)
      } else {
        const pages = info?.total_pages ?? Math.max(1, Math.ceil(total / Math.max(1, perPage)))
        yield* stdio.err(`${at} of ${pages}, ${count} of ${total} accounts\n`)
      }
    }
  })

const handler = (config: Config) =>
  Runner.run("list", config.global, (format) =>
    Effect.gen(function* () {
      if (config.all && Option.isSome(config.page)) {
        return yield* new UsageError({ reason: "--page cannot be combined with --all" })
      }
      if (config.allowPartial && !config.all) {
        return yield* new UsageError({ reason: "--allow-partial applies only with --all" })
      }
      if (config.singlePass && !config.all) {
        return yield* new UsageError({ reason: "--single-pass applies only with --all" })
      }
      const params = {
        ...field("name", config.name),
        ...field("direction", config.direction),
        ...field("per_page", config.perPage)
      }
      const run = config.all ? listAll(params, format, config.allowPartial, config.singlePass) : listPage({ ...params, ...field("page", config.page) }, format)
      return yield* Runner.withClient(config.global)(run)
    })
  )

/**
 * @since 0.1.0
 */
export const command = CommandTable.leaf({
  name: "list",
  summary: "List accounts: one page, or every account with --all.",
  examples: ["cf-accounts list --per-page 50", "cf-accounts list --name acme --all -o ndjson"],
  args: {},
  flags,
  handler
})
