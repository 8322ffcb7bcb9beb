/**
 * JSON responses and the error shape every failure uses:
 * `{ "error": { "code": "...", "message": "...", "field"?: "..." } }`.
 */
export const json = (body: unknown, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers }
  })

export const error = (
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {}
): Response => json({ error: { code, message, ...extra } }, status, headers)
