/**
 * How `audit`, `plan` and `apply` show what the policy engine gives them:
 * findings as a table, a plan as a readable diff (`+ create`, `~ update`,
 * `> move`, `~ profile`, unchanged fields left out, unmanaged accounts counted
 * at the end), and one line per applied action. `json` and `ndjson` print the
 * engine's own data.
 *
 * @since 0.1.0
 */
import type * as Apply from "@cf-accounts/policy/Apply"
import type { Change, Finding } from "@cf-accounts/policy/Finding"
import * as Plan from "@cf-accounts/policy/Plan"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { cell, type Columns, type Format } from "./Output.js"
import * as Output from "./Output.js"
import * as Report from "./Report.js"
import { Stdio } from "./Stdio.js"

/**
 * A field's value in a diff: `(not set)` for `null`, strings quoted (so a blank
 * or a trailing space shows), anything else as JSON; on one line.
 *
 * @since 0.1.0
 */
export const value = (v: unknown): string =>
  v === null || v === undefined ? "(not set)" : typeof v === "string" ? cell(JSON.stringify(v)) : cell(v)

const because = (change: Change): string => (change.reason === "declared" ? "" : `  (policy: ${change.reason})`)

const named = (account: { readonly id: string; readonly name: string }): string => `${cell(account.name)} (${account.id})`

/**
 * The first line of an action: `+ create NAME`, `~ update NAME (ID)`,
 * `> move NAME (ID): from -> to`, `~ profile NAME (ID)`.
 *
 * @since 0.1.0
 */
export const title = (action: Plan.Action): string => {
  switch (action._tag) {
    case "create":
      return `+ create ${cell(action.name)}`
    case "update":
      return `~ update ${named(action.account)}`
    case "move": {
      const change = action.changes.find((c) => c.field === "organization")
      const where = change === undefined ? "" : `: ${value(change.before)} -> ${value(change.after)}${because(change)}`
      return `> move ${named(action.account)}${where}`
    }
    case "profile":
      return `~ profile ${named(action.account)}`
  }
}

/**
 * An action as diff lines: its title, then `    field: before -> after` for
 * each change (`    field: value` for a create, whose name is on its title;
 * a move's change is on its title).
 *
 * @since 0.1.0
 */
export const actionLines = (action: Plan.Action): ReadonlyArray<string> => {
  if (action._tag === "move") return [title(action)]
  // A create's name is on its title.
  const changes = action._tag === "create" ? action.changes.filter((change) => change.field !== "name") : action.changes
  const fields = changes.map((change) =>
    action._tag === "create"
      ? `    ${change.field}: ${value(change.after)}${because(change)}`
      : `    ${change.field}: ${value(change.before)} -> ${value(change.after)}${because(change)}`
  )
  return [title(action), ...fields]
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/**
 * `1 to create, 8 to update, ...` (the kinds the plan has), or `no changes`.
 *
 * @since 0.1.0
 */
export const summary = (plan: Plan.Plan): string => {
  const of = (tag: Plan.Action["_tag"]) => plan.actions.filter((action) => action._tag === tag).length
  const parts = [
    [of("create"), "to create"],
    [of("update"), "to update"],
    [of("move"), "to move"],
    [of("profile"), "profiles to change"]
  ] as const
  const shown = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${n === 1 ? what.replace("profiles", "profile") : what}`)
  return shown.length === 0 ? "no changes" : shown.join(", ")
}

/** How many unmanaged accounts the diff names before `and N more`. */
const UNMANAGED_SHOWN = 10

/**
 * A plan as people read it: each action's diff, each conflict (`! conflict NAME:
 * detail`), each warning (`! warning NAME: detail`: a create that will break a
 * rule without an automatic fix), the summary, and the accounts the file does not declare (a count
 * and the first names; `-o json` lists them all).
 *
 * @since 0.1.0
 */
export const render = (plan: Plan.Plan): string => {
  const blocks = plan.actions.map((action) => actionLines(action).join("\n"))
  const conflicts = plan.conflicts.map((c) => `! conflict ${cell(c.account)}: ${cell(c.detail)}`)
  const warnings = (plan.warnings ?? []).map((w) => `! warning ${cell(w.account)}: ${cell(w.detail)}`)
  const lines: Array<string> = []
  if (blocks.length > 0) lines.push(blocks.join("\n\n"), "")
  if (conflicts.length > 0) lines.push(...conflicts, "")
  if (warnings.length > 0) lines.push(...warnings, "")
  lines.push(Plan.isEmpty(plan) ? "No changes: the fleet matches the file." : `Plan: ${summary(plan)}.`)
  if (plan.unmanaged.length > 0) {
    const names = plan.unmanaged.slice(0, UNMANAGED_SHOWN).map((a) => cell(a.name))
    const more = plan.unmanaged.length - names.length
    lines.push(
      `${count(plan.unmanaged.length, "account")} not in the file (unmanaged: never deleted or renamed): ${names.join(", ")}${more > 0 ? `, and ${more} more (-o json lists them)` : ""}`
    )
  }
  return lines.join("\n") + "\n"
}

/**
 * Writes `plan` in `format`: the diff ({@link render}); the plan as one JSON
 * document (what `plan --out` saves); or one line per action, conflict
 * (`_tag: "conflict"`) and unmanaged account (`_tag: "unmanaged"`).
 *
 * @since 0.1.0
 */
export const printPlan = (format: Format, plan: Plan.Plan): Effect.Effect<void, never, Stdio> => {
  const encoded = Plan.encode(plan)
  if (format !== "ndjson") return Output.printOne(format, encoded, () => render(plan))
  const rows: ReadonlyArray<unknown> = [
    ...encoded.actions,
    ...encoded.conflicts.map((conflict) => ({ _tag: "conflict", ...conflict })),
    ...(encoded.warnings ?? []).map((warning) => ({ _tag: "warning", ...warning })),
    ...encoded.unmanaged.map((account) => ({ _tag: "unmanaged", ...account }))
  ]
  return Effect.forEach(rows, (row) => Output.printOne("ndjson", row), { discard: true })
}

/**
 * Findings: `RULE  STATUS  ID  NAME  DETAIL`. STATUS is `open`, `excused` (an
 * unexpired exception excuses it; the detail names it) or `expired` (an
 * exception named it but has expired: open again).
 *
 * @since 0.1.0
 */
export const findings = (rows: ReadonlyArray<Finding>): Columns<Finding> => ({
  headers: ["RULE", "STATUS", "ID", "NAME", "DETAIL"],
  widths: [19, 7, 32, Math.min(40, Math.max(4, ...rows.map((f) => cell(f.account.name).length)))],
  cells: (f) => [
    f.rule,
    f.silencedBy !== undefined ? "excused" : f.expiredException !== undefined ? "expired" : "open",
    f.account.id,
    cell(f.account.name),
    cell(
      f.silencedBy !== undefined
        ? `${f.detail} (excused until ${f.silencedBy.expires}: ${f.silencedBy.reason})`
        : f.expiredException !== undefined
          ? `${f.detail} (exception expired ${f.expiredException.expires}: ${f.expiredException.reason})`
          : f.detail
    )
  ]
})

/** `, found by name after its answer was lost` for a create whose id came from the client's lookup. */
const found = (source: "answer" | "lookup" | undefined) =>
  source === "lookup" ? " (its answer was lost: found by name as the one created since the call began)" : ""

/**
 * One applied action as `done    TITLE`, `partly  + create NAME (ID): created,
 * then the settings write failed: error`, or `failed  TITLE: error` (a create's
 * title with the new account's id, and how it was found when its answer was lost).
 *
 * @since 0.1.0
 */
export const resultLine = (result: Apply.ActionResult): string => {
  if (result.status === "partial") {
    return `partly  + create ${named(result.account)}${found(result.source)}: created, then the ${result.failed} write failed: ${Report.describe(result.error)}`
  }
  const head =
    result.action._tag === "create" && result.status === "done"
      ? `+ create ${named(result.account)}${found(result.source)}`
      : result.action._tag === "move"
        ? `> move ${named(result.action.account)}`
        : title(result.action)
  return result.status === "done" ? `done    ${head}` : `failed  ${head}: ${Report.describe(result.error)}`
}

const encodeAction = Schema.encodeSync(Plan.Action)

/**
 * One applied action as data: the action, its status, the account it acted on
 * (a create's with its `source`), and the error's one-line message (for
 * `partial`: the step that `failed` too).
 *
 * @since 0.1.0
 */
export const resultData = (result: Apply.ActionResult): unknown => {
  const action = encodeAction(result.action)
  switch (result.status) {
    case "done":
      return { status: "done", action, account: result.account, ...(result.source === undefined ? {} : { source: result.source }) }
    case "partial":
      return {
        status: "partial",
        action,
        account: result.account,
        source: result.source,
        failed: result.failed,
        error: Report.describe(result.error)
      }
    case "failed":
      return { status: "failed", action, error: Report.describe(result.error) }
  }
}

/**
 * Writes apply's results: one line each (`table`), one JSON array, or one object per line.
 *
 * @since 0.1.0
 */
export const printResults = (format: Format, results: ReadonlyArray<Apply.ActionResult>): Effect.Effect<void, never, Stdio> =>
  format === "table"
    ? Effect.flatMap(Stdio, (stdio) => stdio.out(results.map((r) => `${resultLine(r)}\n`).join("")))
    : format === "json"
      ? Output.printOne("json", results.map(resultData))
      : Effect.forEach(results, (r) => Output.printOne("ndjson", resultData(r)), { discard: true })
