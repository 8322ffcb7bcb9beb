/**
 * A stand-in Cloudflare Access team for tests: an RSA key pair made here, its JWKS served on
 * 127.0.0.1 at `/cdn-cgi/access/certs` (the team domain is that server's origin), and RS256
 * tokens signed with it (or with another key, for the negative cases).
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

export const AUDIENCE = "test-aud-tag-0123456789abcdef"

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")

const makeKey = () =>
  crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"]
  )

export interface AccessTeam {
  /** The team domain (also the issuer): `http://127.0.0.1:<port>`. */
  readonly teamDomain: string
  /** How many times the JWKS was fetched. */
  readonly fetches: () => number
  /** Makes the JWKS endpoint answer 500 (`true`) or the key set again (`false`). */
  readonly failing: (on: boolean) => void
  /** A token for `email`; `claims` override the defaults (aud, iss, exp in an hour). */
  readonly token: (email: string, claims?: Record<string, unknown>, options?: { readonly foreignKey?: boolean; readonly kid?: string; readonly header?: Record<string, unknown> }) => Promise<string>
  readonly close: () => Promise<void>
}

export const startAccessTeam = async (): Promise<AccessTeam> => {
  const key = await makeKey()
  const foreign = await makeKey()
  const jwk = await crypto.subtle.exportKey("jwk", key.publicKey)
  let fetches = 0
  let fail = false
  const server = createServer((request, response) => {
    if (request.url === "/cdn-cgi/access/certs" && fail) {
      fetches++
      response.writeHead(500).end()
    } else if (request.url === "/cdn-cgi/access/certs") {
      fetches++
      response.writeHead(200, { "content-type": "application/json" })
      // The same public key once more, marked for encryption: never a signing key.
      const keys = [{ ...jwk, kid: "test-key", alg: "RS256", use: "sig" }, { ...jwk, kid: "enc-key", alg: "RSA-OAEP", use: "enc" }]
      response.end(JSON.stringify({ keys }))
    } else {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const teamDomain = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const token: AccessTeam["token"] = async (email, claims = {}, options = {}) => {
    const header = encode({ alg: "RS256", kid: options.kid ?? "test-key", typ: "JWT", ...options.header })
    const payload = encode({
      aud: [AUDIENCE],
      iss: teamDomain,
      email,
      sub: `user-${email}`,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 3600,
      ...claims
    })
    const signingKey = options.foreignKey === true ? foreign.privateKey : key.privateKey
    const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", signingKey, new TextEncoder().encode(`${header}.${payload}`))
    return `${header}.${payload}.${Buffer.from(signature).toString("base64url")}`
  }
  return {
    teamDomain,
    fetches: () => fetches,
    failing: (on) => {
      fail = on
    },
    token,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
