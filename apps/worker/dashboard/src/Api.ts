/**
 * Calls to the worker's `/v1` API on this origin. The admin token, when the user entered
 * one, lives in `sessionStorage` and goes in the `Authorization` header, never in a URL;
 * behind Cloudflare Access the browser's Access cookie is enough.
 */
const TOKEN_KEY = "cf-accounts-admin-token"

export const getToken = (): string | null => sessionStorage.getItem(TOKEN_KEY)
export const setToken = (token: string): void => sessionStorage.setItem(TOKEN_KEY, token)
export const clearToken = (): void => sessionStorage.removeItem(TOKEN_KEY)

/** An error answer of the API: its status, code and message (and the field, for a 400). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string
  ) {
    super(message)
  }
}

/** Called when the API answers 401, so the page can ask the user to sign in again. */
let onUnauthorized: () => void = () => {}
export const whenUnauthorized = (handler: () => void): void => {
  onUnauthorized = handler
}

export const request = async <T>(
  path: string,
  init: { readonly method?: string; readonly body?: unknown; readonly headers?: Record<string, string> } = {}
): Promise<{ readonly status: number; readonly body: T }> => {
  const headers: Record<string, string> = { accept: "application/json", ...init.headers }
  const token = getToken()
  if (token !== null) headers.authorization = `Bearer ${token}`
  if (init.body !== undefined) headers["content-type"] = "application/json"
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers,
    credentials: "same-origin",
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) })
  })
  const text = await response.text()
  let body: unknown
  try {
    body = text === "" ? undefined : JSON.parse(text)
  } catch {
    throw new ApiError(response.status, "not_json", `the worker answered ${response.status} with something other than JSON`)
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; field?: string } } | undefined)?.error
    if (response.status === 401) onUnauthorized()
    throw new ApiError(response.status, error?.code ?? "unknown", error?.message ?? `HTTP ${response.status}`, error?.field)
  }
  return { status: response.status, body: body as T }
}

export const get = async <T>(path: string): Promise<T> => (await request<T>(path)).body

/** A query string from the defined values of `params`. */
export const query = (params: Record<string, string | undefined>): string => {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(name, value)
  const text = search.toString()
  return text === "" ? "" : `?${text}`
}
