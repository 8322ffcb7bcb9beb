/**
 * The JSON shapes the worker answers with, as the tests read them.
 */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string }
}

export interface SyncView {
  readonly id: string
  readonly trigger: string
  readonly mode: "inline" | "fanout"
  readonly status: "running" | "finalizing" | "completed" | "failed"
  readonly started_at: string
  readonly finished_at: string | null
  readonly total_count: number | null
  readonly chunks_total: number
  readonly accounts_seen: number
  readonly accounts_deleted: number
  readonly accounts_inaccessible: number
  readonly deletion_candidates: number
  readonly deletions_skipped: boolean
  readonly warning: string | null
  readonly error: { readonly tag: string; readonly message: string; readonly status?: number } | null
}

export interface AccountView {
  readonly id: string
  readonly name: string
  readonly type: string
  readonly settings: { readonly enforce_twofactor?: boolean; readonly abuse_contact_email?: string } | null
  readonly managed_by: { readonly parent_org_id?: string } | null
  readonly created_on: string | null
  readonly first_seen: string
  readonly last_seen: string
  readonly deleted_at: string | null
  readonly inaccessible_since: string | null
  readonly compliant: boolean
  readonly findings?: ReadonlyArray<FindingView>
}

export interface FindingView {
  readonly account_id: string
  readonly rule: string
  readonly status: "open" | "resolved"
  readonly first_seen: string
  readonly last_seen: string
  readonly resolved_at: string | null
}

export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly next_cursor: string | null
}

export interface JobView {
  readonly id: string
  readonly kind: string
  readonly total: number
  readonly status: "running" | "completed" | "completed_with_failures"
  readonly counts: { readonly pending: number; readonly done: number; readonly failed: number }
  readonly failed: ReadonlyArray<{
    readonly account_id: string
    readonly attempts: number
    readonly error: {
      readonly tag: string
      readonly message: string
      readonly status?: number
      readonly errors?: ReadonlyArray<{ readonly code: number; readonly message: string }>
    } | null
  }>
}
