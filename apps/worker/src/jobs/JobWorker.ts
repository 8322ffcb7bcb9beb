/**
 * The jobs queue consumer: claims one item, applies it with the client, records its outcome.
 *
 * One effect per item under redelivery: a delivery first claims the item (`JobsTable.claim`,
 * one conditional UPDATE); only the winner calls the API. A delivery that loses the claim
 * is acknowledged without a call and without spending an attempt: the item is settled, or
 * another delivery holds it. In the second case a check is sent for when that lease ends, so
 * an item whose consumer crashed is claimed again then. The winner's calls are bounded by
 * 90% of the lease ({@link applyTimeout}), so they have stopped before anyone else can claim
 * the item. Transient failures (`Failure.isTransient`) put the item back to `pending` and the
 * message back on the queue with a delay, until `JOB_MAX_ATTEMPTS` claims; anything else is
 * recorded as failed with its error, and so is a claim past `JOB_MAX_ATTEMPTS` (left by
 * consumers that ended without recording an outcome).
 *
 * A fix shows at once: when an item's read-modify-write succeeds, the account as the API
 * answered it (the `PUT`'s answer, or the read when nothing needed writing) is stored with the
 * outcome, in the same D1 batch: its row (`Accounts.write`, the sync's mapping) and its
 * findings, re-audited for that account under the current policy (`Findings.refreshAccount`,
 * the sync's rule), so the overview and `accounts.get` show the fix when the job does.
 * A move answers ids, not the account: a moved account is brought up to date by the next sync.
 */
import { AccountsClient } from "@cf-accounts/client/AccountsClient"
import type { Account } from "@cf-accounts/core/Account"
import type { Change } from "@cf-accounts/policy/Finding"
import * as Clock from "effect/Clock"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Accounts from "../db/Accounts.js"
import * as JobsTable from "../db/JobsTable.js"
import * as FindingsTable from "../findings/Findings.js"
import * as Policy from "../findings/Policy.js"
import * as Failure from "../platform/Failure.js"
import { ack, retry } from "../platform/QueueOutcome.js"
import { JobsQueue } from "../platform/Queues.js"
import { Settings } from "../platform/Settings.js"
import type { Statement } from "../platform/Database.js"
import type { JobMessage } from "../platform/JobMessage.js"

const iso = (ms: number) => new Date(ms).toISOString()

/** The settings a fix's changes set (`settings.<key>`), or undefined when it sets none. */
const settingsPatch = (changes: ReadonlyArray<Change>) => {
  const settings = Object.fromEntries(
    changes.flatMap((change) => (change.field.startsWith("settings.") ? [[change.field.slice(9), change.after]] : []))
  )
  return Object.keys(settings).length === 0 ? undefined : { settings }
}

/** An item's outcome: `done`, or `skipped` when the account needed no change; with the account as the API answered it, when it did. */
interface Applied {
  readonly state: "done" | "skipped"
  readonly account?: Account | undefined
}

const patched = ({ account, written }: { readonly account: Account; readonly written: boolean }): Applied => ({
  state: written ? "done" : "skipped",
  account
})

/**
 * Applies the automatic fix of `rule` to one account, as the engine computes it now from the
 * current policy and the account as read: `skipped` when it complies, or an exception excuses it.
 * Settings (two-factor, the abuse contact) through the client's read-modify-write; the
 * organization through a read, then a move.
 */
const applyFix = (rule: Policy.RuleId, accountId: string) =>
  Effect.gen(function* () {
    const client = yield* AccountsClient
    const policy = Policy.rulesOf((yield* Policy.current).file)
    const time = yield* Clock.currentTimeMillis
    if (rule === "organization") {
      const change = Policy.fixFor(yield* client.get(accountId), rule, policy, time).find((c) => c.field === "organization")
      if (change === undefined) return { state: "skipped" } satisfies Applied
      // The engine's organization fix moves to the policy's organization id (a string).
      yield* client.move(accountId, change.after as string)
      return { state: "done" } satisfies Applied
    }
    return patched(yield* client.patchWith(accountId, (account) => settingsPatch(Policy.fixFor(account, rule, policy, time))))
  })

/** Applies one item: `done`, or `skipped` when the account needs no change, with the account as answered. */
const apply = (job: JobsTable.JobRow, accountId: string) =>
  Effect.gen(function* () {
    const client = yield* AccountsClient
    if (job.kind === "fix") {
      // Written by Jobs.create from a validated fix request: it always has the rule.
      const params = JSON.parse(job.params) as { rule: Policy.RuleId }
      return yield* applyFix(params.rule, accountId)
    }
    if (job.kind === "enforce-twofactor") {
      // The client's one read-modify-write (that of `patch`): one read, and a write only when
      // needed, of every field the server sent, its own values never checked as input.
      return patched(
        yield* client.patchWith(accountId, (account) =>
          account.settings?.enforce_twofactor === true ? undefined : { settings: { enforce_twofactor: true } }
        )
      )
    }
    // Written by Jobs.create from a validated move request: it always has the destination.
    const params = JSON.parse(job.params) as { destination_organization_id: string }
    yield* client.move(accountId, params.destination_organization_id)
    return { state: "done" } satisfies Applied
  })

/**
 * What an item that succeeded stores beside its outcome: the account as the API answered it,
 * and its findings re-audited under the current policy (none without an account).
 */
const answered = (account: Account | undefined) =>
  account === undefined
    ? Effect.succeed([])
    : Effect.gen(function* () {
        const auditor = yield* Policy.currentAuditor
        return [
          Accounts.write(account, iso(auditor.now)),
          ...FindingsTable.refreshAccount(account.id, Policy.audit(auditor, [account]), auditor, iso(auditor.now))
        ]
      })

/**
 * An item's calls ran out of the time its lease allows. Whether they took effect is unknown,
 * so the item is retried like any transient failure (`Failure.isTransient`).
 */
export class JobItemTimeoutError extends Data.TaggedError("JobItemTimeoutError")<{ readonly timeout: Duration.Duration }> {
  override get message(): string {
    return `the item's calls did not finish within ${Duration.format(this.timeout)} (90% of JOB_LEASE_SECONDS); stopped so that no other delivery can claim the item while they run`
  }
}

/**
 * How long the winner of a claim may spend applying its item: 90% of the lease, so its calls
 * are stopped (interrupted, the fetch aborted) and the outcome recorded before the lease
 * expires and another delivery may claim the item. Without this bound, a slow but alive
 * consumer (client retries, rate-limit waits, a short JOB_LEASE_SECONDS) could still be
 * calling the API when a second delivery takes the item over.
 */
export const applyTimeout = (leaseSeconds: number): Duration.Duration => Duration.millis(leaseSeconds * 900)

/** Requests one item may need (fix and enforce-twofactor: a read and a write; move: one). */
export const ITEM_COST = 2

/** Queues accept a delay of at most 24 hours. */
const MAX_DELAY_SECONDS = 24 * 60 * 60

/** A delivery that lost the claim: acknowledged; if a lease holds the item, checked again when it ends. */
const lostClaim = (message: JobMessage, nowMs: number) =>
  Effect.gen(function* () {
    const item = yield* JobsTable.getItem(message.jobId, message.accountId)
    if (Option.isSome(item) && item.value.state === "running" && item.value.lease_until !== null) {
      const seconds = Math.ceil((Date.parse(item.value.lease_until) - nowMs) / 1000) + 1
      yield* Effect.flatMap(JobsQueue, (queue) => queue.send([message], Math.min(MAX_DELAY_SECONDS, Math.max(1, seconds))))
    }
    return ack
  })

export const handle = Effect.fn("JobWorker.handle")(function* (message: JobMessage) {
  const settings = yield* Settings
  const job = yield* JobsTable.get(message.jobId)
  if (Option.isNone(job)) return ack
  const startMs = yield* Clock.currentTimeMillis
  const leaseUntil = iso(startMs + settings.jobLeaseSeconds * 1000)
  const claimed = yield* JobsTable.claim(message.jobId, message.accountId, iso(startMs), leaseUntil)
  if (Option.isNone(claimed)) return yield* lostClaim(message, startMs)
  // Claims that reached the API, this one included (deliveries deferred by the budget or
  // losing the claim do not count).
  const attempts = claimed.value
  const claim = { jobId: message.jobId, accountId: message.accountId, leaseUntil }
  const record = (state: Exclude<JobsTable.ItemState, "running">, error: unknown, alongside: ReadonlyArray<Statement> = []) =>
    Effect.flatMap(Clock.currentTimeMillis, (ms) => JobsTable.settle(claim, state, error, iso(ms), alongside)).pipe(
      Effect.tap((settled) =>
        settled
          ? Effect.void
          : Effect.logWarning(`job ${message.jobId} item ${message.accountId}: the claim was lost before its outcome was recorded`)
      )
    )
  if (attempts > settings.jobMaxAttempts) {
    // Only a claim whose consumer ended without recording an outcome (its lease expired) leaves
    // an item to be claimed again past the limit: an item that keeps ending its consumer (a
    // crash, a timeout of the invocation) fails here instead of being claimed forever.
    yield* record("failed", {
      tag: "AttemptsExhausted",
      message: `claim ${attempts} exceeds JOB_MAX_ATTEMPTS (${settings.jobMaxAttempts}): an earlier claim ended without recording an outcome; not tried again`
    })
    return ack
  }
  const timeout = applyTimeout(settings.jobLeaseSeconds)
  return yield* apply(job.value, message.accountId).pipe(
    Effect.timeoutFail({ duration: timeout, onTimeout: () => new JobItemTimeoutError({ timeout }) }),
    Effect.matchEffect({
      onSuccess: ({ account, state }) =>
        Effect.flatMap(answered(account), (statements) => Effect.as(record(state, undefined, statements), ack)),
      onFailure: (error) => {
        const again = Failure.isTransient(error) && attempts < settings.jobMaxAttempts
        return Effect.as(
          record(again ? "pending" : "failed", Failure.toRecord(error)),
          again ? retry(Failure.retryDelaySeconds(error, attempts, settings.retryBaseDelaySeconds)) : ack
        )
      }
    })
  )
})

/** An item that exhausted the queue's retries: recorded as failed, unless a live claim holds it. */
export const deadLettered = (message: JobMessage) =>
  Effect.flatMap(Clock.currentTimeMillis, (ms) =>
    JobsTable.failUnclaimed(
      message.jobId,
      message.accountId,
      { tag: "DeadLettered", message: "the queue gave up on this item" },
      iso(ms)
    )
  )
