/** What a page gets: where to render, the hash route's parts and query, and whether it is still shown. */
export interface Route {
  readonly main: HTMLElement
  /** `#/accounts/abc?x=1` gives `["accounts", "abc"]`. */
  readonly path: ReadonlyArray<string>
  readonly params: URLSearchParams
  /** False once the user has moved to another page (stops polling). */
  readonly alive: () => boolean
}

/** A hash link. */
export const href = (path: string, params: Record<string, string | undefined> = {}): string => {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(name, value)
  const text = search.toString()
  return `#/${path}${text === "" ? "" : `?${text}`}`
}
