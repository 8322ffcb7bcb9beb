import { client, ok, operations } from "./Api.js"
import { lineChart } from "./Chart.js"
import { h, replace, table } from "./Dom.js"
import { percent, time } from "./Format.js"
import { href, type Route } from "./Route.js"

const card = (stat: string, label: string, value: string, note?: string) =>
  h("div", { class: "card" }, h("div", { class: "label" }, label), h("div", { class: "value", "data-stat": stat }, value), note ? h("div", { class: "muted" }, note) : null)

export const render = async ({ main }: Route): Promise<void> => {
  const [overview, syncs] = await Promise.all([
    ok(client.GET(operations["dashboard.overview"])),
    ok(client.GET(operations["syncs.list"], { params: { query: { limit: "1" } } }))
  ])
  const last = syncs.items[0]
  replace(
    main,
    h("h1", {}, "Overview"),
    h(
      "div",
      { class: "cards" },
      card("accounts", "Accounts", String(overview.accounts)),
      card("compliant-share", "Compliant", percent(overview.compliant, overview.accounts), `${overview.compliant} of ${overview.accounts}`),
      card("open-findings", "Open findings", String(overview.open_findings)),
      card("inaccessible", "Inaccessible", String(overview.inaccessible)),
      card(
        "last-sync",
        "Last sync",
        last === undefined ? "never" : last.status,
        last === undefined ? undefined : time(last.finished_at ?? last.started_at)
      )
    ),
    last?.status === "failed" ? h("p", { class: "error" }, `Last sync failed: ${last.error?.message ?? "unknown error"}`) : null,
    last?.warning ? h("p", { class: "warn" }, last.warning) : null,
    h("h2", {}, "Open findings by rule"),
    table(
      "Open findings by rule",
      ["Rule", "What it checks", "Open findings", ""],
      overview.rules.map((rule) => [
        h("a", { href: href("accounts", { rule: rule.id }) }, rule.id),
        rule.enabled ? rule.detail : `${rule.detail} (rule switched off)`,
        h("span", { "data-rule-count": rule.id }, String(overview.open_by_rule[rule.id] ?? 0)),
        rule.fix && (overview.open_by_rule[rule.id] ?? 0) > 0
          ? h("a", { href: href("fix", { rule: rule.id }) }, `Fix ${rule.id}`)
          : null
      ]),
      [2]
    ),
    h("h2", {}, "Accounts and open findings per sync, last 30 days"),
    lineChart(
      "Accounts and open findings per sync",
      { a: "Accounts", b: "Open findings" },
      overview.series.map((point) => ({ time: point.finished_at, a: point.accounts, b: point.open_findings }))
    )
  )
}
