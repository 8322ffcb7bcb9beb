import { client, ok, operations } from "./Api.js"
import { errorBox, h, replace } from "./Dom.js"
import { href, type Route } from "./Route.js"
import * as Jobs from "./Jobs.js"
import { isFixable, type JobRequest } from "./Types.js"

const ID = /^[0-9a-f]{32}$/

const show = (value: unknown): string => (value === null || value === undefined ? "not set" : JSON.stringify(value))

/**
 * Fix: choose a rule the current policy gives an automatic fix, and accounts (from the
 * accounts table) or "all non-compliant for the rule", preview the count and a sample (for all
 * non-compliant, what the engine's plan changes on each: field, before, after), confirm, then start the job with an Idempotency-Key made once per
 * preview, so a confirm retried after an error starts nothing twice; then follow the job (with
 * the worker's warning, when some items did not reach the queue). Changing the choice drops
 * the preview, so what is confirmed is what was previewed and is still chosen.
 */
export const render = async ({ main, params }: Route): Promise<void> => {
  const overview = await ok(client.GET(operations["dashboard.overview"]))
  const fixable = overview.rules.filter((rule) => rule.fix)
  const ids = (params.get("ids") ?? "").split(",").filter((id) => ID.test(id))
  const ruleParam = params.get("rule") ?? fixable[0]?.id ?? ""
  const previewArea = h("div", { "aria-live": "polite" })
  const ruleSelect = h(
    "select",
    { name: "rule", id: "fix-rule" },
    fixable.map((rule) => h("option", { value: rule.id, selected: rule.id === ruleParam }, rule.id))
  )
  const chooseAll = h("input", { type: "radio", name: "target", value: "all", id: "target-all", checked: ids.length === 0 })
  const chooseSelected = h("input", {
    type: "radio",
    name: "target",
    value: "selected",
    id: "target-selected",
    checked: ids.length > 0,
    disabled: ids.length === 0
  })

  const showPreview = async () => {
    previewArea.replaceChildren(h("p", {}, "Counting…"))
    const key = crypto.randomUUID()
    let body: JobRequest
    let count: number
    let sample: ReadonlyArray<string>
    const rule = ruleSelect.value
    try {
      if (!isFixable(overview, rule)) throw new Error(`The current policy has no automatic fix for ${rule}.`)
      if (chooseSelected.checked) {
        body = { kind: "fix", rule, account_ids: ids }
        count = ids.length
        sample = ids.slice(0, 10)
      } else {
        const preview = await ok(client.GET(operations["dashboard.fixPreview"], { params: { path: { rule } } }))
        body = { kind: preview.kind, rule, account_ids: "all-noncompliant" }
        count = preview.count
        sample = preview.sample.map(
          (account) =>
            `${account.name} (${account.id}): ${account.changes.map((c) => `${c.field} ${show(c.before)} → ${show(c.after)}`).join("; ")}`
        )
      }
    } catch (error) {
      previewArea.replaceChildren(errorBox(error instanceof Error ? error.message : String(error)))
      return
    }
    if (count === 0) {
      previewArea.replaceChildren(h("p", { "data-preview-count": "0" }, "Nothing to fix: no account matches."))
      return
    }
    const confirm = h("button", { type: "button", class: "primary" }, `Start job for ${count} accounts`)
    confirm.addEventListener("click", async () => {
      confirm.disabled = true
      try {
        // 202 for a new job, 200 for a replay of this key: the same body either way.
        const created = await ok(client.POST(operations["jobs.create"], { body, params: { header: { "idempotency-key": key } } }))
        if (created.warning !== undefined) Jobs.warnOnCreation(created.job.id, created.warning)
        location.hash = href(`jobs/${created.job.id}`)
      } catch (error) {
        confirm.disabled = false
        previewArea.appendChild(errorBox(error instanceof Error ? error.message : String(error)))
      }
    })
    replace(
      previewArea,
      h("h2", {}, "Preview"),
      h(
        "p",
        {},
        h("strong", { "data-preview-count": String(count) }, String(count)),
        chooseSelected.checked
          ? ` accounts chosen: the job applies the automatic fix of ${rule} to each that breaks it (the others are skipped). For example:`
          : ` accounts have an open ${rule} finding: the job applies the policy's automatic fix to each, as the engine plans it. For example:`
      ),
      h("ul", {}, sample.map((text) => h("li", {}, text))),
      count > sample.length ? h("p", { class: "muted" }, `…and ${count - sample.length} more.`) : null,
      confirm
    )
    confirm.focus()
  }

  const form = h(
    "form",
    {},
    h(
      "fieldset",
      {},
      h("legend", {}, "Which accounts"),
      h("p", {}, h("label", { for: "fix-rule" }, "Rule to fix "), ruleSelect),
      h("p", {}, chooseAll, " ", h("label", { for: "target-all" }, "All accounts with an open finding for the rule")),
      h(
        "p",
        {},
        chooseSelected,
        " ",
        h("label", { for: "target-selected" }, ids.length > 0 ? `The ${ids.length} accounts selected` : "Accounts selected in the accounts table (none)")
      )
    ),
    h("button", { type: "submit" }, "Preview")
  )
  form.addEventListener("change", () => previewArea.replaceChildren())
  form.addEventListener("submit", (event) => {
    event.preventDefault()
    void showPreview()
  })
  replace(
    main,
    h("h1", {}, "Fix"),
    fixable.length === 0 ? errorBox("The current policy gives no rule an automatic fix.") : [form, previewArea]
  )
}
