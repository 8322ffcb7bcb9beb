import { client, ok, operations } from "./Api.js"
import { h, replace, table } from "./Dom.js"
import { age, time } from "./Format.js"
import { href, type Route } from "./Route.js"

const show = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value))

/** A job item's recorded error: its message, when it has one, else all of it. */
const errorText = (error: unknown): string =>
  show(typeof error === "object" && error !== null && "message" in error && error.message != null ? error.message : error)

export const render = async ({ main, path }: Route): Promise<void> => {
  const id = path[1] ?? ""
  const [account, jobs] = await Promise.all([
    ok(client.GET(operations["accounts.get"], { params: { path: { account_id: id } } })),
    ok(client.GET(operations["accounts.jobs"], { params: { path: { account_id: id } } }))
  ])
  const prop = (label: string, value: string) => [h("dt", {}, label), h("dd", {}, value)]
  replace(
    main,
    h("p", {}, h("a", { href: href("accounts") }, "← Accounts")),
    h("h1", { "data-account-title": "" }, account.name),
    h(
      "dl",
      { class: "props" },
      prop("Id", account.id),
      prop("Type", account.type),
      prop("Compliant", account.compliant ? "yes" : "no"),
      prop("Created", time(account.created_on)),
      prop("First seen", time(account.first_seen)),
      prop("Last seen", time(account.last_seen)),
      account.deleted_at !== null ? prop("Deleted", time(account.deleted_at)) : [],
      account.inaccessible_since !== null ? prop("Inaccessible since", time(account.inaccessible_since)) : []
    ),
    h("h2", {}, "Settings"),
    account.settings === null
      ? h("p", { class: "muted" }, "No settings recorded.")
      : table(
          "Settings",
          ["Setting", "Value"],
          Object.entries(account.settings).map(([name, value]) => [h("code", {}, name), h("code", {}, show(value))])
        ),
    h("h2", {}, "Findings history"),
    account.findings.length === 0
      ? h("p", { class: "muted" }, "No findings.")
      : table(
          "Findings history",
          ["Rule", "Status", "Detail", "Exception", "First seen", "Age", "Resolved"],
          account.findings.map((f) => [
            f.rule,
            h("span", { class: f.status === "open" ? "bad" : f.status === "excused" ? "warn" : "good" }, f.status),
            f.detail,
            f.exception === null
              ? "—"
              : `${f.exception.reason} (${f.exception.expired ? "expired" : "until"} ${f.exception.expires})`,
            time(f.first_seen),
            f.status === "resolved" ? "—" : age(f.first_seen),
            time(f.resolved_at)
          ])
        ),
    h("h2", {}, "Jobs that touched this account"),
    jobs.items.length === 0
      ? h("p", { class: "muted" }, "No job has touched this account.")
      : table(
          "Jobs",
          ["Job", "Kind", "Started", "Outcome", "Attempts", "Error"],
          jobs.items.map((j) => [
            h("a", { href: href(`jobs/${j.job_id}`) }, h("code", {}, j.job_id)),
            j.kind,
            time(j.created_at),
            j.state,
            String(j.attempts),
            j.error === null ? "" : errorText(j.error)
          ]),
          [4]
        )
  )
}
