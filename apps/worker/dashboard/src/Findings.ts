import { client, ok, operations } from "./Api.js"
import { announce, h, replace, table } from "./Dom.js"
import { age, count, pageOf, time } from "./Format.js"
import { href, type Route } from "./Route.js"
import { type Finding, isRule, oneOf } from "./Types.js"

const PAGE_SIZE = 50
const STATUSES = ["open", "excused", "resolved"] as const

/** The exception a finding names: the one that excuses it, or one that has expired. */
const exceptionText = (finding: Finding): string =>
  finding.exception === null
    ? "—"
    : `${finding.exception.reason} (${finding.exception.expired ? "expired" : "until"} ${finding.exception.expires})`

/** Cursors of the pages before the current one, per rule and status, so "Previous" can go back. */
const history = new Map<string, Array<string>>()

/**
 * Findings grouped by rule: every rule the policy switches on (and any other with open
 * findings left) with its count of open findings, then one rule at a time, its findings in one
 * status (open, excused by an exception, or resolved), a page at a time by account: each
 * account once per rule.
 */
export const render = async ({ main, params }: Route): Promise<void> => {
  const overview = await ok(client.GET(operations["dashboard.overview"]))
  const shown = overview.rules.filter((rule) => rule.enabled || (overview.open_by_rule[rule.id] ?? 0) > 0)
  const openOf = (id: string) => overview.open_by_rule[id] ?? 0
  const asked = params.get("rule") ?? ""
  const rule = shown.find((r) => r.id === asked) ?? shown.find((r) => openOf(r.id) > 0) ?? shown[0]
  if (rule === undefined || !isRule(overview, rule.id)) {
    replace(main, h("h1", {}, "Findings"), h("p", {}, "The policy switches no rule on."))
    return
  }
  const status = oneOf(params.get("status"), STATUSES) ?? "open"
  const cursor = params.get("cursor") ?? undefined
  const key = `${rule.id} ${status}`
  const page = await ok(
    client.GET(operations["findings.list"], {
      params: { query: { rule: rule.id, status, limit: String(PAGE_SIZE), ...(cursor === undefined ? {} : { cursor }) } }
    })
  )
  const previous = cursor === undefined ? [] : (history.get(key) ?? [])
  const pageNumber = previous.length + 1
  const here = { rule: rule.id, status }
  const next = () => {
    history.set(key, [...previous, cursor ?? ""])
    location.hash = href("findings", { ...here, cursor: page.next_cursor ?? undefined })
  }
  const back = () => {
    history.set(key, previous.slice(0, -1))
    const target = previous[previous.length - 1]
    location.hash = href("findings", { ...here, cursor: target === "" ? undefined : target })
  }
  const now = Date.now()
  const open = openOf(rule.id)
  replace(
    main,
    h("h1", {}, "Findings"),
    table(
      "Rules and their open findings",
      ["Rule", "What it checks", "Open findings"],
      shown.map((r) => [
        h("a", { href: href("findings", { rule: r.id }), "aria-current": r.id === rule.id ? "true" : undefined }, r.id),
        r.enabled ? r.detail : `${r.detail} (rule switched off)`,
        h("span", { "data-rule-open": r.id }, count(openOf(r.id)))
      ]),
      [2]
    ),
    h(
      "section",
      { "aria-labelledby": "rule-title" },
      h("h2", { id: "rule-title" }, `${rule.id}: ${open} open`),
      h("p", { class: "muted" }, rule.detail, rule.enabled ? "" : " (rule switched off)"),
      h(
        "nav",
        { class: "tabs", "aria-label": `Findings of ${rule.id} by status` },
        STATUSES.map((s) =>
          h(
            "a",
            { href: href("findings", { rule: rule.id, status: s }), "aria-current": s === status ? "page" : undefined },
            s === "open" ? "Open" : s === "excused" ? "Excused by an exception" : "Resolved"
          )
        )
      ),
      h(
        "div",
        { class: "pager" },
        h("button", { type: "button", disabled: previous.length === 0, onclick: back }, "Previous"),
        h(
          "span",
          { "data-findings-page": `${rule.id} ${status} ${pageNumber}` },
          status === "open" ? pageOf(pageNumber, PAGE_SIZE, open, "accounts") : `Page ${pageNumber}`
        ),
        h("button", { type: "button", disabled: page.next_cursor === null, onclick: next }, "Next")
      ),
      page.items.length === 0
        ? h("p", {}, `No ${status} finding.`)
        : table(
            `${status} findings for ${rule.id}`,
            ["Account", "Detail", status === "resolved" ? "Resolved" : "Open since", "Age", "Exception"],
            page.items.map((f) => [
              h("a", { href: href(`accounts/${f.account_id}`), "data-finding-account": f.account_id }, f.account_name ?? f.account_id),
              f.detail,
              time(status === "resolved" ? f.resolved_at : f.first_seen),
              status === "resolved" ? "—" : age(f.first_seen, now),
              h(
                "span",
                { class: f.exception?.expired ? "bad" : undefined, "data-excused-by": status === "excused" ? f.account_id : undefined },
                status === "excused" ? (f.exception?.reason ?? "—") : exceptionText(f)
              )
            ])
          )
    )
  )
  announce(`${page.items.length} ${status} findings of ${rule.id} shown`)
}
