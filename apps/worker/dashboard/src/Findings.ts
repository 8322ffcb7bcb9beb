import { client, ok, operations } from "./Api.js"
import { h, replace, table } from "./Dom.js"
import { age, time } from "./Format.js"
import { href, type Route } from "./Route.js"
import { isRule, type RuleId } from "./Types.js"

const PER_RULE = 50

/** The first PER_RULE open findings of `rule`, by account id. */
const openFindings = (rule: RuleId) =>
  ok(client.GET(operations["findings.list"], { params: { query: { rule, limit: String(PER_RULE) } } }))

export const render = async ({ main }: Route): Promise<void> => {
  const overview = await ok(client.GET(operations["dashboard.overview"]))
  const pages = await Promise.all(overview.rules.map(({ id }) => (isRule(overview, id) ? openFindings(id) : undefined)))
  const now = Date.now()
  replace(
    main,
    h("h1", {}, "Open findings"),
    overview.rules.map((rule, i) => {
      // Oldest first among those fetched; the API lists findings by account id, so with more
      // than PER_RULE open the page says it shows a part, not the oldest ones.
      const items = [...(pages[i]?.items ?? [])].sort((a, b) => a.first_seen.localeCompare(b.first_seen))
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
              ["Account", "Open since", "Age"],
              items.map((f) => [
                h("a", { href: href(`accounts/${f.account_id}`) }, f.account_name ?? f.account_id),
                time(f.first_seen),
                age(f.first_seen, now)
              ])
            ),
        count > items.length
          ? h(
              "p",
              { "data-findings-shown": rule.id },
              `${items.length} of ${count} shown (the first by account id). `,
              h("a", { href: href("accounts", { rule: rule.id }) }, `All ${count} accounts with this finding`)
            )
          : null
      )
    })
  )
}
