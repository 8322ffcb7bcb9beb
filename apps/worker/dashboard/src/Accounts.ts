import { createQuerySerializer } from "openapi-fetch"
import { client, ok, operations } from "./Api.js"
import { announce, h, replace, table } from "./Dom.js"
import { pageOf } from "./Format.js"
import { href, type Route } from "./Route.js"
import { type AccountsQuery, isRule, type Overview, oneOf } from "./Types.js"

const PAGE_SIZE = 25
const BOOLEAN = ["true", "false"] as const

/** The filters as the address and the form hold them ("" for none). */
interface Filters {
  readonly name: string
  readonly rule: string
  readonly compliant: string
  readonly inaccessible: string
  readonly sort: string
  readonly order: string
}

/** The listing's query for `filters`; a value the API does not take is left out. */
const accountsQuery = (filters: Filters, overview: Overview, cursor: string | undefined): AccountsQuery => {
  const compliant = oneOf(filters.compliant, BOOLEAN)
  const sort = oneOf(filters.sort, ["id", "name"])
  const order = oneOf(filters.order, ["asc", "desc"])
  return {
    ...(filters.name === "" ? {} : { name: filters.name }),
    ...(isRule(overview, filters.rule) ? { rule: filters.rule } : {}),
    ...(compliant === undefined ? {} : { compliant }),
    ...(filters.inaccessible === "only" ? { inaccessible: "true" } : {}),
    ...(filters.inaccessible === "include" ? { include_inaccessible: "true" } : {}),
    ...(sort === undefined ? {} : { sort }),
    ...(order === undefined ? {} : { order }),
    limit: String(PAGE_SIZE),
    ...(cursor === undefined ? {} : { cursor })
  }
}

/** Cursors of the pages before the current one, per filter set, so "Previous" can go back. */
const history = new Map<string, Array<string>>()

const select = (name: string, label: string, value: string, options: ReadonlyArray<[string, string]>) =>
  h(
    "label",
    {},
    label,
    h("select", { name }, options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)))
  )

export const render = async ({ main, params }: Route): Promise<void> => {
  const filters: Filters = {
    name: params.get("name") ?? "",
    rule: params.get("rule") ?? "",
    compliant: params.get("compliant") ?? "",
    inaccessible: params.get("inaccessible") ?? "",
    sort: params.get("sort") ?? "name",
    order: params.get("order") ?? "asc"
  }
  const cursor = params.get("cursor") ?? undefined
  const key = JSON.stringify(filters)
  const overview = await ok(client.GET(operations["dashboard.overview"]))
  const query = accountsQuery(filters, overview, cursor)
  const listing = `?${createQuerySerializer()(query)}`
  const page = await ok(client.GET(operations["accounts.list"], { params: { query } }))
  // A listing opened without a cursor starts at page 1.
  const previous = cursor === undefined ? [] : (history.get(key) ?? [])
  const selected = new Set<string>()
  const fixButton = h("button", { type: "button", disabled: true }, "Fix selected")
  const updateFix = () => {
    fixButton.disabled = selected.size === 0
    fixButton.textContent = `Fix selected (${selected.size})`
  }
  fixButton.addEventListener("click", () => {
    location.hash = href("fix", { ids: [...selected].join(",") })
  })
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": "Filter accounts" },
    h("label", {}, "Name contains", h("input", { name: "name", type: "search", value: filters.name })),
    select("rule", "Open finding for rule", filters.rule, [["", "any"], ...overview.rules.map((r): [string, string] => [r.id, r.id])]),
    select("compliant", "Compliant", filters.compliant, [["", "any"], ["true", "yes"], ["false", "no"]]),
    select("inaccessible", "Inaccessible", filters.inaccessible, [["", "hide"], ["include", "include"], ["only", "only"]]),
    select("sort", "Sort by", filters.sort, [["name", "name (natural order)"], ["id", "id"]]),
    select("order", "Order", filters.order, [["asc", "ascending"], ["desc", "descending"]]),
    h("button", { type: "submit", class: "primary" }, "Apply")
  )
  form.addEventListener("submit", (event) => {
    event.preventDefault()
    const data = new FormData(form)
    const next: Record<string, string> = {}
    for (const [name, value] of data) if (typeof value === "string") next[name] = value
    location.hash = href("accounts", next)
  })
  const next = () => {
    history.set(key, [...previous, cursor ?? ""])
    location.hash = href("accounts", { ...filters, cursor: page.next_cursor ?? undefined })
  }
  const back = () => {
    history.set(key, previous.slice(0, -1))
    const target = previous[previous.length - 1]
    location.hash = href("accounts", { ...filters, cursor: target === "" ? undefined : target })
  }
  const pageNumber = previous.length + 1
  replace(
    main,
    h("h1", {}, "Accounts"),
    form,
    h(
      "div",
      { class: "pager" },
      h("button", { type: "button", disabled: previous.length === 0, onclick: back }, "Previous"),
      // data-listing names the query shown, so a reader (or a test) can tell a new listing from the previous one.
      h("span", { "data-page": String(pageNumber), "data-listing": listing, "data-total": String(page.total) }, pageOf(pageNumber, PAGE_SIZE, page.total, "accounts")),
      h("button", { type: "button", disabled: page.next_cursor === null, onclick: next }, "Next"),
      fixButton
    ),
    page.items.length === 0
      ? h("p", {}, "No account matches.")
      : table(
          "Accounts",
          ["Select", "Name", "Id", "Compliant", "Last seen"],
          page.items.map((account) => {
            const box = h("input", { type: "checkbox", "aria-label": `Select ${account.name}`, value: account.id })
            box.addEventListener("change", () => {
              if (box.checked) selected.add(account.id)
              else selected.delete(account.id)
              updateFix()
            })
            return [
              box,
              h("a", { href: href(`accounts/${account.id}`), "data-account-name": "" }, account.name),
              h("code", {}, account.id),
              account.inaccessible_since !== null
                ? h("span", { class: "warn" }, "inaccessible")
                : account.compliant
                  ? h("span", { class: "good" }, "yes")
                  : h("span", { class: "bad" }, "no"),
              new Date(account.last_seen).toLocaleDateString()
            ]
          })
        )
  )
  announce(`${page.items.length} accounts shown, ${pageOf(pageNumber, PAGE_SIZE, page.total, "accounts")}`)
}
