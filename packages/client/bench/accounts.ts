/**
 * The made-up accounts the benchmarks list: each made from its number, never
 * stored, and the envelopes the API wraps them in.
 */
export const idOf = (n: number): string => n.toString(16).padStart(32, "0")

export const account = (n: number) => ({
  id: idOf(n),
  name: `acct-${n}`,
  type: "standard",
  created_on: "2026-01-01T00:00:00Z",
  settings: { abuse_contact_email: "abuse@example.test", enforce_twofactor: false }
})

const envelope = (result: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ success: true, errors: [], messages: [], result, ...extra })

/** The body of `GET /accounts/{id}` for account `n`. */
export const accountBody = (n: number): string => envelope(account(n))

/** The body of page `page` of `GET /accounts` over `total` accounts. */
export const pageBody = (page: number, perPage: number, total: number): string => {
  const from = (page - 1) * perPage + 1
  const to = Math.min(total, page * perPage)
  const result = Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => account(from + i))
  return envelope(result, { result_info: { page, per_page: perPage, count: result.length, total_count: total } })
}
