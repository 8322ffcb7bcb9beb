/**
 * A sync's warning: what it could not verify (a listing without `total_count`) or chose not to
 * do (deletions skipped), each a clause, said as one sentence on the sync's row.
 */

/** The clauses as one sentence (`a; b.`), or null when there is none. */
export const sentence = (clauses: ReadonlyArray<string>): string | null =>
  clauses.length === 0 ? null : `${clauses.join("; ")}.`
