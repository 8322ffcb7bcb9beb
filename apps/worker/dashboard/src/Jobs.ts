import * as Api from "./Api.js"
import { announce, errorBox, h, replace, table, time } from "./Dom.js"
import { href, type Route } from "./Route.js"
import type { Job, RecentJob } from "./Types.js"

const POLL_MS = 1000

const count = (job: Job, key: "pending" | "running" | "done" | "failed" | "skipped") => job.counts[key] ?? 0
const finished = (job: Job) => count(job, "pending") + count(job, "running") === 0

const progress = (job: Job) => {
  const settled = count(job, "done") + count(job, "failed") + count(job, "skipped")
  return h("progress", { max: Math.max(job.total, 1), value: settled, "aria-label": `Job ${job.id} progress` })
}

const summary = (job: Job) =>
  `${count(job, "done")} done, ${count(job, "failed")} failed, ${count(job, "skipped")} skipped, ${count(job, "running")} running, ${count(job, "pending")} pending of ${job.total}`

const errorText = (error: unknown): string => {
  if (error !== null && typeof error === "object" && "message" in error) return String((error as { message: unknown }).message)
  return typeof error === "string" ? error : JSON.stringify(error)
}

/** The job list: newest first, each with its progress, polled while any job is still running. */
export const renderList = async ({ main, alive }: Route): Promise<void> => {
  for (;;) {
    const recent = await Api.get<{ items: ReadonlyArray<RecentJob> }>("/v1/dashboard/jobs")
    const jobs = await Promise.all(recent.items.map((j) => Api.get<{ job: Job }>(`/v1/jobs/${j.id}`)))
    if (!alive()) return
    replace(
      main,
      h("h1", {}, "Jobs"),
      jobs.length === 0
        ? h("p", {}, "No job yet. ", h("a", { href: href("fix") }, "Start a fix."))
        : table(
            "Jobs",
            ["Job", "Kind", "Started", "Progress", "Status"],
            jobs.map(({ job }) => [
              h("a", { href: href(`jobs/${job.id}`) }, h("code", {}, job.id)),
              job.kind,
              time(job.created_at),
              [progress(job), " ", summary(job)],
              job.status ?? (finished(job) ? "finished" : "running")
            ])
          )
    )
    if (jobs.every(({ job }) => finished(job))) return
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 2))
  }
}

/** One job, polled until nothing is pending or running. */
export const renderOne = async ({ main, path, alive }: Route): Promise<void> => {
  const id = path[1] ?? ""
  let announced = false
  for (;;) {
    if (!alive()) return
    let job: Job
    try {
      job = (await Api.get<{ job: Job }>(`/v1/jobs/${encodeURIComponent(id)}`)).job
    } catch (error) {
      replace(main, h("h1", {}, "Job"), errorBox(error instanceof Error ? error.message : String(error)))
      return
    }
    if (!alive()) return
    const done = finished(job)
    replace(
      main,
      h("p", {}, h("a", { href: href("jobs") }, "← Jobs")),
      h("h1", {}, "Job ", h("code", {}, job.id)),
      h("p", {}, `${job.kind}, started ${time(job.created_at)}`),
      h("p", {}, progress(job), " ", h("span", { "data-job-summary": "" }, summary(job))),
      h("p", { "data-job-state": done ? "finished" : "running" }, done ? "Finished." : "Running…"),
      job.failed.length === 0
        ? null
        : [
            h("h2", {}, "Last errors"),
            table(
              "Failed items",
              ["Account", "Attempts", "Error"],
              job.failed.slice(-20).map((item) => [
                h("a", { href: href(`accounts/${item.account_id}`) }, h("code", {}, item.account_id)),
                String(item.attempts),
                errorText(item.error)
              ]),
              [1]
            )
          ]
    )
    if (done) {
      if (!announced) announce(`Job finished: ${summary(job)}`)
      announced = true
      return
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
