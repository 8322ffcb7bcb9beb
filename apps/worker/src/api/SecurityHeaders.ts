/**
 * Headers on every answer, page and API alike: a Content-Security-Policy that allows only
 * this origin's own files (no inline script or style, no other origin, not framed), no MIME
 * sniffing, no referrer, and no storing of answers that do not set their own caching.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join("; ")

export const headers: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin"
}

/**
 * `response` with the security headers set (a copy: the platform's responses may be immutable).
 * An answer without its own `Cache-Control` (the API's, which carry account data) is not stored
 * by the browser; the page's files keep the caching the assets server gives them.
 */
export const apply = (response: Response): Response => {
  const copy = new Response(response.body, response)
  for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value)
  if (!copy.headers.has("cache-control")) copy.headers.set("cache-control", "no-store")
  return copy
}
