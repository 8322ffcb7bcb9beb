/**
 * The public redaction rule (`@cf-accounts/client/Redaction`), which the
 * client's errors and the CLI's output both go through.
 */
import { assert, describe, it } from "@effect/vitest"
import { makeRedactor, REDACTED } from "../src/Redaction.js"

const TOKEN = "tok-Echo/123+abc"

describe("makeRedactor", () => {
  it("removes a secret as is, in another letter case, percent-encoded and JSON-escaped", () => {
    const redact = makeRedactor([TOKEN])
    assert.strictEqual(redact(`a ${TOKEN} b`), `a ${REDACTED} b`)
    assert.strictEqual(redact(`a ${TOKEN.toUpperCase()} b`), `a ${REDACTED} b`)
    assert.strictEqual(redact(`q=${encodeURIComponent(TOKEN)}`), `q=${REDACTED}`)
    assert.strictEqual(redact(`q=${encodeURIComponent(TOKEN).toLowerCase()}`), `q=${REDACTED}`)
    assert.strictEqual(makeRedactor(['a"b\\c-secret'])(JSON.stringify({ t: 'a"b\\c-secret' })), `{"t":"${REDACTED}"}`)
  })

  it("replaces any bearer token, known or not", () => {
    assert.strictEqual(makeRedactor([])("Authorization: Bearer abc.DEF-123"), `Authorization: Bearer ${REDACTED}`)
  })

  it("replaces the longer of two overlapping secrets whole", () => {
    assert.strictEqual(makeRedactor(["abc", "abcdef"])("x abcdef y abc"), `x ${REDACTED} y ${REDACTED}`)
  })

  it("ignores undefined, empty and (with minLength) short secrets, and trims", () => {
    assert.strictEqual(makeRedactor([undefined, "", "  "])("nothing to hide"), "nothing to hide")
    assert.strictEqual(makeRedactor(["abc"], { minLength: 6 })("abc stays"), "abc stays")
    assert.strictEqual(makeRedactor(["  abcdef\n"], { minLength: 6 })("abcdef goes"), `${REDACTED} goes`)
    assert.strictEqual(makeRedactor(["abc"])("abc goes"), `${REDACTED} goes`)
  })

  it("treats regular-expression characters in a secret literally", () => {
    assert.strictEqual(makeRedactor(["a.b*c"])("axbbc a.b*c"), `axbbc ${REDACTED}`)
  })
})
