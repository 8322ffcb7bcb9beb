import { ApiError, client, ok, operations } from "./Api.js"
import { lineChart } from "./Chart.js"
import { announce, h, replace, table } from "./Dom.js"
import { count, percent, time } from "./Format.js"
import { href, type Route } from "./Route.js"
import type { Sync } from "./Types.js"

const POLL_MS = 1000

const card = (stat: string, label: string, value: string, note?: string) =>
  h("div", { class: "card" }, h("div", { class: "label" }, label), h("div", { class: "value", "data-stat": stat }, value), note ? h("div", { class: "muted" }, note) : null)

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A sync's progress in words: its status, the accounts it has seen, and its page ranges when fanned out. */
const progressText = (sync: Sync): string =>
  [
    `Sync ${sync.status}`,
    `${count(sync.accounts_seen)}${sync.total_count === null ? "" : ` of ${count(sync.total_count)}`} accounts seen`,
    sync.mode === "fanout" ? `${count(sync.chunks_total)} chunks` : null,
    sync.status === "failed" ? (sync.error?.message ?? "unknown error") : null
  ]
    .filter((part) => part !== null)
    .join(", ")

const readSync = async (id: string) => (await ok(client.GET(operations["syncs.get"], { params: { path: { sync_id: id } } }))).sync
const latestSync = async () => (await ok(client.GET(operations["syncs.list"], { params: { query: { limit: "1" } } }))).items[0]

/**
 * "Sync now": starts a sync (`syncs.start`) and follows it until it completes or fails,
 * showing its status, the accounts seen and its chunks; one already running (409) is followed
 * instead. While an inline sync runs (its POST answers at the end), the latest sync is read
 * for its progress. Then the overview is drawn again.
 */
const syncNow = (route: Route) => {
  const button = h("button", { type: "button", class: "primary" }, "Sync now")
  const status = h("p", { class: "muted", role: "status", "data-sync-progress": "" })
  const show = (sync: Sync) => {
    status.textContent = progressText(sync)
    status.setAttribute("data-sync-status", sync.status)
  }
  const follow = async (id: string): Promise<Sync> => {
    for (;;) {
      const sync = await readSync(id)
      if (!route.alive()) return sync
      show(sync)
      if (sync.status === "completed" || sync.status === "failed") return sync
      await wait(POLL_MS)
    }
  }
  button.addEventListener("click", async () => {
    button.disabled = true
    status.textContent = "Starting a sync…"
    status.removeAttribute("data-sync-status")
    let answered = false
    const watch = (async () => {
      while (!answered && route.alive()) {
        await wait(POLL_MS)
        const running = answered ? undefined : await latestSync().catch(() => undefined)
        if (!answered && running !== undefined && (running.status === "running" || running.status === "finalizing")) show(running)
      }
    })()
    try {
      const { data, error, response } = await client.POST(operations["syncs.start"])
      answered = true
      await watch
      let final: Sync
      if (data !== undefined) final = data.sync.status === "completed" ? data.sync : await follow(data.sync.id)
      else if (error !== undefined && "sync" in error) final = error.sync
      else if (response.status === 409) {
        const running = await latestSync()
        if (running === undefined) throw new ApiError(409, "sync_in_progress", "A sync is running; reload to see it.")
        final = await follow(running.id)
      } else throw new ApiError(response.status, "unknown", `The sync could not start (HTTP ${response.status}).`)
      if (!route.alive()) return
      show(final)
      announce(progressText(final))
      if (final.status === "completed") await render(route, final)
    } catch (failure) {
      answered = true
      status.textContent = failure instanceof Error ? failure.message : String(failure)
    } finally {
      button.disabled = false
    }
  })
  return { button, status }
}

export const render = async (route: Route, synced?: Sync): Promise<void> => {
  const { main } = route
  const [overview, syncs] = await Promise.all([
    ok(client.GET(operations["dashboard.overview"])),
    ok(client.GET(operations["syncs.list"], { params: { query: { limit: "1" } } }))
  ])
  if (!route.alive()) return
  const last = syncs.items[0]
  const sync = syncNow(route)
  if (synced !== undefined) {
    sync.status.textContent = progressText(synced)
    sync.status.setAttribute("data-sync-status", synced.status)
  }
  replace(
    main,
    h("div", { class: "title-row" }, h("h1", {}, "Overview"), sync.button),
    sync.status,
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
    h("p", { class: "muted" }, "Counts are current: the fixes of a job show as soon as each account is done, before the next sync."),
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
    h("h2", {}, "Accounts and open findings at each sync, last 30 days"),
    h("p", { class: "muted" }, "One point per completed sync: fixes made since the last sync show at the next one."),
    lineChart(
      "Accounts and open findings per sync",
      { a: "Accounts", b: "Open findings" },
      overview.series.map((point) => ({ time: point.finished_at, a: point.accounts, b: point.open_findings }))
    )
  )
}
