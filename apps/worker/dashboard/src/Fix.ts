import { client, ok, operations } from "./Api.js"
import { errorBox, h, replace } from "./Dom.js"
import { href, type Route } from "./Route.js"
import * as Jobs from "./Jobs.js"
import { isFixable, type JobRequest } from "./Types.js"

const ID = /^[0-9a-f]{32}$/

/**
 * Fix: choose accounts (from the accounts table) or "all non-compliant for rule X", preview
 * the count and a sample, confirm, then start the job with an Idempotency-Key made once per
 * preview, so a confirm retried after an error starts nothing twice; then follow the job (with
 * the worker's warning, when some items did not reach the queue). Changing the choice drops
 * the preview, so what is confirmed is what was previewed and is still chosen.
 */
export const render = async ({ main, params }: Route): Promise<void> => {
  const overview = await ok(client.GET(operations["dashboard.overview"]))
  const fixable = overview.rules.filter((rule) => rule.fix !== null)
  const ids = (params.get("ids") ?? "").split(",").filter((id) => ID.test(id))
  const ruleParam = params.get("rule") ?? fixable[0]?.id ?? ""
  const previewArea = h("div", { "aria-live": "polite" })
  const ruleSelect = h(
    "select",
    { name: "rule", id: "fix-rule", "aria-label": "Rule" },
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
    try {
      if (chooseSelected.checked) {
        body = { kind: "enforce-twofactor", account_ids: ids }
        count = ids.length
        sample = ids.slice(0, 10)
      } else {
        const rule = ruleSelect.value
        if (!isFixable(overview, rule)) throw new Error(`The worker has no fix for ${rule}.`)
        const preview = await ok(client.GET(operations["dashboard.fixPreview"], { params: { path: { rule } } }))
        body = { kind: preview.kind, account_ids: "all-noncompliant" }
        count = preview.count
        sample = preview.sample.map((account) => `${account.name} (${account.id})`)
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
          ? " accounts chosen: the job sets enforce_twofactor = true on each that lacks it (the others are skipped). For example:"
          : " accounts lack enforce_twofactor = true: the job sets it on each. For example:"
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
      h("p", {}, chooseAll, " ", h("label", { for: "target-all" }, "All non-compliant accounts for rule "), ruleSelect),
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
    fixable.length === 0 ? errorBox("The worker has no fix for any rule.") : [form, previewArea]
  )
}
