import { client, ok, operations } from "./Api.js"
import { h, replace, table } from "./Dom.js"
import { age, time } from "./Format.js"
import { href, type Route } from "./Route.js"
import { type Finding, isRule, type RuleId } from "./Types.js"

const PER_RULE = 50

/** The first PER_RULE findings of `rule` in `status`, by account id. */
const findingsOf = (rule: RuleId, status: "open" | "excused") =>
  ok(client.GET(operations["findings.list"], { params: { query: { rule, status, limit: String(PER_RULE) } } }))

/** The exception a finding names: the one that excuses it, or one that has expired. */
const exceptionText = (finding: Finding): string =>
  finding.exception === null
    ? "—"
    : `${finding.exception.reason} (${finding.exception.expired ? "expired" : "until"} ${finding.exception.expires})`

/**
 * Findings per rule the policy switches on (and any other with open findings left): the open
 * ones, oldest first among those fetched, with the expired exception that no longer excuses
 * them; then those an exception excuses, with its reason and expiry.
 */
export const render = async ({ main }: Route): Promise<void> => {
  const overview = await ok(client.GET(operations["dashboard.overview"]))
  const shown = overview.rules.filter((rule) => rule.enabled || (overview.open_by_rule[rule.id] ?? 0) > 0)
  const pages = await Promise.all(
    shown.map(({ id }) => (isRule(overview, id) ? Promise.all([findingsOf(id, "open"), findingsOf(id, "excused")]) : undefined))
  )
  const now = Date.now()
  replace(
    main,
    h("h1", {}, "Open findings"),
    shown.map((rule, i) => {
      // The API lists findings by account id, so with more than PER_RULE open the page says it
      // shows a part, not the oldest ones.
      const [open, excused] = pages[i] ?? []
      const items = [...(open?.items ?? [])].sort((a, b) => a.first_seen.localeCompare(b.first_seen))
      const count = overview.open_by_rule[rule.id] ?? 0
      return h(
        "section",
        { "aria-labelledby": `rule-${rule.id}` },
        h("h2", { id: `rule-${rule.id}` }, `${rule.id}: ${count} open`),
        h("p", { class: "muted" }, rule.detail, rule.enabled ? "" : " (rule switched off)"),
        items.length === 0
          ? h("p", {}, "None open.")
          : table(
              `Open findings for ${rule.id}`,
              ["Account", "Detail", "Open since", "Age", "Exception"],
              items.map((f) => [
                h("a", { href: href(`accounts/${f.account_id}`) }, f.account_name ?? f.account_id),
                f.detail,
                time(f.first_seen),
                age(f.first_seen, now),
                h("span", { class: f.exception?.expired ? "bad" : undefined }, exceptionText(f))
              ])
            ),
        count > items.length
          ? h(
              "p",
              { "data-findings-shown": rule.id },
              `${items.length} of ${count} shown (the first by account id). `,
              h("a", { href: href("accounts", { rule: rule.id }) }, `All ${count} accounts with this finding`)
            )
          : null,
        (excused?.items.length ?? 0) === 0
          ? null
          : [
              h("h3", {}, `Excused by an exception (${excused?.items.length ?? 0}${excused?.next_cursor ? "+" : ""})`),
              table(
                `Findings for ${rule.id} an exception excuses`,
                ["Account", "Detail", "Exception", "Expires"],
                (excused?.items ?? []).map((f) => [
                  h("a", { href: href(`accounts/${f.account_id}`) }, f.account_name ?? f.account_id),
                  f.detail,
                  h("span", { "data-excused-by": f.account_id }, f.exception?.reason ?? "—"),
                  f.exception?.expires ?? "—"
                ])
              )
            ]
      )
    })
  )
}
