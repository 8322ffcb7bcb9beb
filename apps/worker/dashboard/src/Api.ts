/**
 * Calls to the worker's API on this origin, typed by the OpenAPI document (`generated/`):
 * `client.GET(operations["accounts.list"], { params: { query } })` checks the parameters and
 * body and gives the answer's type. The admin token, when the user entered one, lives in
 * `sessionStorage` and goes in the `Authorization` header, never in a URL; behind Cloudflare
 * Access the browser's Access cookie is enough.
 */
import createClient, { type Middleware } from "openapi-fetch"
import type { paths } from "./generated/api.js"

export { operations } from "./generated/operations.js"

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

/**
 * The token on every request; a 401 calls the handler above; an answer that is not JSON (a
 * login page in front of the worker, say) is an error of its own, not a parse failure.
 */
const session: Middleware = {
  onRequest({ request }) {
    const token = getToken()
    if (token !== null) request.headers.set("authorization", `Bearer ${token}`)
    return request
  },
  onResponse({ response }) {
    if (response.status === 401) onUnauthorized()
    if (!/json/.test(response.headers.get("content-type") ?? "")) {
      throw new ApiError(response.status, "not_json", `the worker answered ${response.status} with something other than JSON`)
    }
    return response
  }
}

export const client = createClient<paths>({ credentials: "same-origin", headers: { accept: "application/json" } })
client.use(session)

const field = (record: object, name: string): unknown => (name in record ? Reflect.get(record, name) : undefined)
const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined)

/** The {@link ApiError} of an error body `{ error: { code, message, field? } }` (any other body: its status). */
const apiError = (status: number, body: unknown): ApiError => {
  const error = typeof body === "object" && body !== null ? field(body, "error") : undefined
  const described = typeof error === "object" && error !== null ? error : {}
  return new ApiError(
    status,
    text(field(described, "code")) ?? "unknown",
    text(field(described, "message")) ?? `HTTP ${status}`,
    text(field(described, "field"))
  )
}

/** The body of a successful answer; an error answer throws its {@link ApiError}. */
export const ok = async <Data>(
  pending: Promise<{ readonly data?: Data; readonly error?: unknown; readonly response: Response }>
): Promise<Data> => {
  const { data, error, response } = await pending
  if (!response.ok || data === undefined) throw apiError(response.status, error)
  return data
}
