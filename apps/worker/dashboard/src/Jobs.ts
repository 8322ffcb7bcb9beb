import { client, ok, operations } from "./Api.js"
import { announce, errorBox, h, replace, table } from "./Dom.js"
import { time } from "./Format.js"
import { href, type Route } from "./Route.js"
import type { Job, JobStatus } from "./Types.js"

const POLL_MS = 1000

/** A job is over when every item is settled (`completed` or `completed_with_failures`). */
const finished = (job: Job) => job.status === "completed" || job.status === "completed_with_failures"

/** The API's status in words; an enqueue that stopped says so rather than looking like a slow run. */
const statusText: Record<JobStatus, (job: Job) => string> = {
  enqueueing: () => "Enqueueing: some items are not on the queue yet. The next cron sends them, or resume now.",
  running: () => "Running…",
  completed: () => "Completed.",
  completed_with_failures: (job) => `Completed with ${job.counts.failed} failed.`
}

/** Warnings the worker gave when it created a job (`jobs.create`), shown on that job's page. */
const creationWarnings = new Map<string, string>()
export const warnOnCreation = (jobId: string, warning: string): void => {
  creationWarnings.set(jobId, warning)
}

const progress = (job: Job) => {
  const settled = job.counts.done + job.counts.failed + job.counts.skipped
  return h("progress", { max: Math.max(job.total, 1), value: settled, "aria-label": `Job ${job.id} progress` })
}

const summary = ({ counts, total }: Job) =>
  `${counts.done} done, ${counts.failed} failed, ${counts.skipped} skipped, ${counts.running} running, ${counts.pending} pending of ${total}`

const readJob = (id: string) => ok(client.GET(operations["jobs.get"], { params: { path: { job_id: id } } }))

/** The job list: newest first, each with its progress, polled while any job is not over. */
export const renderList = async ({ main, alive }: Route): Promise<void> => {
  for (;;) {
    const recent = await ok(client.GET(operations["dashboard.recentJobs"]))
    const jobs = await Promise.all(recent.items.map((j) => readJob(j.id)))
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
              h("span", { "data-job-status": job.status }, job.status.replace(/_/g, " "))
            ])
          )
    )
    if (jobs.every(({ job }) => finished(job))) return
    await new Promise((resolve) => setTimeout(resolve, POLL_MS * 2))
  }
}

/** One job, polled until it is over; an enqueue that stopped can be resumed from here. */
export const renderOne = async ({ main, path, alive }: Route): Promise<void> => {
  const id = path[1] ?? ""
  const warning = creationWarnings.get(id)
  let resuming = false
  let resumeProblem: string | undefined
  for (;;) {
    if (!alive()) return
    let job: Job
    try {
      job = (await readJob(id)).job
    } catch (error) {
      replace(main, h("h1", {}, "Job"), errorBox(error instanceof Error ? error.message : String(error)))
      return
    }
    if (!alive()) return
    const done = finished(job)
    // The next poll shows the outcome of a resume (a new status, or the error).
    const resume =
      job.status === "enqueueing"
        ? h("button", { type: "button", disabled: resuming, "data-job-resume": "" }, "Resume now")
        : null
    resume?.addEventListener("click", async () => {
      resume.disabled = true
      resuming = true
      try {
        await ok(client.POST(operations["jobs.resume"], { params: { path: { job_id: id } } }))
        resumeProblem = undefined
      } catch (error) {
        resumeProblem = `Resuming stopped: ${error instanceof Error ? error.message : String(error)}`
      } finally {
        resuming = false
      }
    })
    const failedCount = job.counts.failed
    replace(
      main,
      h("p", {}, h("a", { href: href("jobs") }, "← Jobs")),
      h("h1", {}, "Job ", h("code", {}, job.id)),
      h("p", {}, `${job.kind}, started ${time(job.created_at)}`),
      warning === undefined ? null : h("p", { class: "warn", "data-job-warning": "" }, `When it was created: ${warning}`),
      h("p", {}, progress(job), " ", h("span", { "data-job-summary": "" }, summary(job))),
      h("p", { "data-job-state": job.status }, statusText[job.status](job), resume === null ? null : [" ", resume]),
      resumeProblem === undefined || resume === null ? null : errorBox(resumeProblem),
      job.failed.length === 0
        ? null
        : [
            h("h2", {}, "Last errors"),
            failedCount > job.failed.length
              ? h("p", { class: "muted" }, `${job.failed.length} of ${failedCount} failed items shown (by account id).`)
              : null,
            table(
              "Failed items",
              ["Account", "Attempts", "Last error"],
              job.failed.map((item) => [
                h("a", { href: href(`accounts/${item.account_id}`) }, h("code", {}, item.account_id)),
                String(item.attempts),
                item.error === null ? "no error recorded" : item.error.message
              ]),
              [1]
            )
          ]
    )
    if (done) {
      announce(`Job ${job.status.replace(/_/g, " ")}: ${summary(job)}`)
      return
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
