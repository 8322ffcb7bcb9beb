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
    assert.strictEqual(makeRedactor([])('{"authorization":"Bearer x"}'), `{"authorization":"Bearer ${REDACTED}"}`)
    const token = "Zx9_Aq-3bC8dE7fG6hI5jK4lM3nO2pQ1rS0tU9vW"
    assert.strictEqual(makeRedactor([])(`retrying with Bearer ${token} now`), `retrying with Bearer ${REDACTED} now`)
    assert.strictEqual(makeRedactor([])(`bearer ${token.slice(0, 16)}`), `Bearer ${REDACTED}`)
  })

  it("leaves prose with the word bearer alone: a token has at least 16 token characters", () => {
    for (const text of ["the bearer of bad news", "Bearer of the ring", "bearer bonds are payable to the bearer", "Bearer abcdefghijklmno"]) {
      assert.strictEqual(makeRedactor([])(text), text)
    }
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

  describe("encoded forms a server may echo", () => {
    // A token with every character class Cloudflare's credentials use.
    const SECRET = "tok-Echo/123+abc=x_y.z~w"
    const EMAIL = "ops+cf@example.com"
    const redact = makeRedactor([SECRET, EMAIL], { minLength: 6 })
    const b64 = (text: string) => btoa(text)
    const b64url = (text: string) => btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
    const html = (text: string, entity: (c: string) => string) => [...text].map((c) => (/[A-Za-z0-9]/.test(c) ? c : entity(c))).join("")
    const leaks = (text: string) => text.includes("Echo") || text.includes("123+abc") || text.includes("example.com")

    const cases: ReadonlyArray<readonly [string, string]> = [
      ["encodeURI over encodeURIComponent", encodeURI(encodeURIComponent(SECRET))],
      ["encodeURIComponent", encodeURIComponent(SECRET)],
      ["double-encoded", encodeURIComponent(encodeURIComponent(SECRET))],
      ["double-encoded, lower-case hex", encodeURIComponent(encodeURIComponent(SECRET)).toLowerCase()],
      ["HTML hex entities", html(SECRET, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`)],
      ["HTML decimal entities", html(SECRET, (c) => `&#${c.charCodeAt(0)};`)],
      ["HTML named entities", SECRET.replace(/\//g, "&sol;").replace(/=/g, "&equals;").replace(/\+/g, "&plus;")],
      ["\\/-escaped", SECRET.replace(/\//g, "\\/")],
      ["\\u-escaped", SECRET.replace(/\//g, "\\u002F")]
    ]
    for (const [name, encoded] of cases) {
      it(`removes the secret ${name}`, () => {
        assert.notStrictEqual(encoded, SECRET)
        assert.strictEqual(redact(`<p>token ${encoded} rejected</p>`), `<p>token ${REDACTED} rejected</p>`)
      })
    }

    describe("letters and digits as HTML numeric entities or \\u escapes, not only punctuation", () => {
      const code = (c: string) => c.charCodeAt(0)
      const forms: ReadonlyArray<readonly [string, (c: string) => string]> = [
        ["decimal entities", (c) => `&#${code(c)};`],
        ["decimal entities, zero-padded, without ;", (c) => `&#00${code(c)}`],
        ["hex entities", (c) => `&#x${code(c).toString(16)};`],
        ["hex entities, &#X, upper-case hex, zero-padded", (c) => `&#X00${code(c).toString(16).toUpperCase()};`],
        ["\\u escapes", (c) => `\\u${code(c).toString(16).padStart(4, "0")}`],
        ["\\u escapes, upper-case hex", (c) => `\\u${code(c).toString(16).padStart(4, "0").toUpperCase()}`]
      ]
      for (const [name, encode] of forms) {
        it(`${name}: every character, every other one, and the secret in another letter case`, () => {
          const every = [...SECRET].map(encode).join("")
          const alternate = [...SECRET].map((c, i) => (i % 2 === 0 ? encode(c) : c)).join("")
          const swapped = [...SECRET].map((c, i) => encode(i % 2 === 0 ? c.toUpperCase() : c.toLowerCase())).join("")
          for (const encoded of [every, alternate, swapped, [...EMAIL].map(encode).join("")]) {
            assert.notInclude(encoded, "Echo")
            assert.strictEqual(redact(`<p>token ${encoded} rejected</p>`), `<p>token ${REDACTED} rejected</p>`, encoded)
          }
        })
      }

      it("mixed: entities, \\u escapes, percent-encoding and plain characters in one secret", () => {
        const forms = [(c: string) => `&#${code(c)};`, (c: string) => `\\u00${code(c).toString(16)}`, (c: string) => `&#x${code(c).toString(16)};`, (c: string) => c, (c: string) => `%${code(c).toString(16)}`]
        const mixed = [...SECRET].map((c, i) => forms[i % forms.length]!(c)).join("")
        assert.strictEqual(redact(`{"message":"bad token ${mixed}"}`), `{"message":"bad token ${REDACTED}"}`)
      })

      it("leaves other entities and escapes alone", () => {
        const text = "caf&#233; &#65;&#66;&#67; \\u0041\\u0042 &#x31;&#x32;&#x33;"
        assert.strictEqual(redact(text), text)
      })
    })

    it("HTML's legacy named entities without their ;: &shy between characters, &amp, &quot, &lt, &gt, and the upper-case &AMP;", () => {
      assert.strictEqual(redact(`a ${[...SECRET].join("&shy")} b`), `a ${REDACTED} b`)
      assert.strictEqual(redact(`a ${[...EMAIL].join("&shy")} b`), `a ${REDACTED} b`)
      const marked = makeRedactor(['k&"<>-secret'])
      for (const encoded of ["k&amp&quot&lt&gt-secret", "k&AMP;&QUOT;&LT;&GT;-secret", "k&AMP&QUOT&LT&GT-secret"]) {
        assert.strictEqual(marked(`x ${encoded} y`), `x ${REDACTED} y`, encoded)
      }
      // A name HTML reads only with its ; stays text without it: no match.
      assert.strictEqual(makeRedactor(["a/b-secret"])("a&solb-secret"), "a&solb-secret")
      assert.strictEqual(redact([...SECRET].join("&zwj")), [...SECRET].join("&zwj"))
    })

    it("removes a secret encodeURI changes (characters outside a URL, UTF-8)", () => {
      const odd = "k^e{y}|ü`\\z 1"
      assert.notStrictEqual(encodeURI(odd), odd)
      assert.strictEqual(makeRedactor([odd])(`u=${encodeURI(odd)}`), `u=${REDACTED}`)
      assert.strictEqual(makeRedactor([odd])(`u=${encodeURI(encodeURI(odd))}`), `u=${REDACTED}`)
    })

    it("removes an HTML-escaped & and a percent-encoded @ in an email", () => {
      const withAmp = makeRedactor(["a&b-secret"])
      assert.strictEqual(withAmp("x a&amp;b-secret y"), `x ${REDACTED} y`)
      assert.strictEqual(redact(`to=${encodeURIComponent(EMAIL)}`), `to=${REDACTED}`)
      assert.strictEqual(redact(`to=${encodeURIComponent(encodeURIComponent(EMAIL))}`), `to=${REDACTED}`)
    })

    it("removes the secret base64- and base64url-encoded, alone", () => {
      for (const encode of [b64, b64url]) {
        const out = redact(`echo ${encode(SECRET)} end`)
        assert.isTrue(out.includes(REDACTED), out)
        // What is left is at most the few characters that also depend on the neighbours.
        assert.isAtMost(out.replace(REDACTED, "").length, "echo  end".length + 4, out)
      }
    })

    it("removes the secret inside longer base64 at each of the three byte offsets", () => {
      for (const prefix of ["", "a", "ab", "abc", EMAIL + ":"]) {
        for (const encode of [b64, b64url]) {
          const encoded = encode(`${prefix}${SECRET}:trailer`)
          const out = redact(`Basic ${encoded}`)
          assert.isTrue(out.includes(REDACTED), `${prefix}: ${out}`)
          // Decoding what is left can no longer yield the secret.
          assert.isFalse(out.includes(encode(SECRET).slice(2, -4)), out)
        }
      }
      // base64 of "email:key": both halves go.
      const basic = b64(`${EMAIL}:${SECRET}`)
      const out = redact(basic)
      assert.isAtMost(out.split(REDACTED).join("").length, 8, out)
    })

    it("matches base64 in its exact case only, and leaves other text alone", () => {
      const fragment = b64(SECRET).slice(0, 16)
      assert.strictEqual(redact(fragment.toLowerCase()), fragment.toLowerCase())
      assert.strictEqual(redact("nothing secret here, 123 abc"), "nothing secret here, 123 abc")
      assert.isFalse(leaks(redact(`${SECRET} ${encodeURI(SECRET)} ${b64(SECRET)}`)))
    })

    it("removes the secret fully percent-encoded, letters and digits too, in either hex case, once or twice", () => {
      const full = (text: string) => [...new TextEncoder().encode(text)].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")
      for (const encoded of [full(SECRET).toUpperCase(), full(SECRET), full(SECRET.toUpperCase()), encodeURIComponent(full(SECRET)), full(EMAIL)]) {
        assert.strictEqual(redact(`q=${encoded}&x=1`), `q=${REDACTED}&x=1`, encoded)
      }
      // Mixed: some characters encoded, some not.
      const mixed = [...SECRET].map((c, i) => (i % 2 === 0 ? full(c) : c)).join("")
      assert.strictEqual(redact(`q=${mixed}`), `q=${REDACTED}`)
    })

    it("removes the secret with invisible characters between its characters, and keeps them elsewhere", () => {
      const interleave = (text: string, gap: string) => [...text].join(gap)
      for (const gap of ["\u200B", "\u00AD", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u200B\u00AD"]) {
        const code = gap.codePointAt(0)!.toString(16)
        assert.strictEqual(redact(`a ${interleave(SECRET, gap)} b`), `a ${REDACTED} b`, code)
        assert.strictEqual(redact(`a ${interleave(EMAIL, gap)} b`), `a ${REDACTED} b`, code)
        // Also when the text is encoded: the invisible character encoded with it.
        assert.strictEqual(redact(`q=${encodeURIComponent(interleave(SECRET, gap))}`), `q=${REDACTED}`, code)
      }
      assert.strictEqual(redact(`${[...SECRET].join("&#8203;")}`), REDACTED)
      assert.strictEqual(redact(`${[...SECRET].join("&shy;")}`), REDACTED)
      // A secret that has invisible characters of its own is found with or without them.
      const own = makeRedactor(["sec\u200Bret-value"])
      assert.strictEqual(own("a sec\u200Bret-value b secret-value c s\u00ADecret-value"), `a ${REDACTED} b ${REDACTED} c ${REDACTED}`)
      // Invisible characters that are not inside a secret stay as they are (an emoji's joiner, a soft hyphen).
      const family = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}"
      assert.strictEqual(redact(`${family} co\u00ADoperate ${SECRET}\u200B!`), `${family} co\u00ADoperate ${REDACTED}\u200B!`)
    })

    describe("any default-ignorable character, encoded, between a secret's characters", () => {
      const interleave = (text: string, gap: string) => [...text].join(gap)
      const percent = (c: string) => [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join("")
      const units = (c: string) => [...Array(c.length).keys()].map((i) => c.charCodeAt(i).toString(16).padStart(4, "0"))
      const forms: ReadonlyArray<readonly [string, (c: string) => string]> = [
        ["percent-encoded", percent],
        ["percent-encoded, lower-case hex", (c) => percent(c).toLowerCase()],
        ["percent-encoded twice", (c) => encodeURIComponent(percent(c))],
        ["\\u-escaped", (c) => units(c).map((u) => `\\u${u}`).join("")],
        ["\\u-escaped, upper-case hex", (c) => units(c).map((u) => `\\u${u.toUpperCase()}`).join("")],
        ["a hex entity", (c) => `&#x${c.codePointAt(0)!.toString(16).toUpperCase()};`],
        ["a hex entity, lower-case, zero-padded", (c) => `&#x00${c.codePointAt(0)!.toString(16)};`],
        ["a decimal entity", (c) => `&#${c.codePointAt(0)};`]
      ]
      // LRM, RLO, LRI, a variation selector, the Mongolian vowel separator; a tag and a supplementary
      // variation selector (four UTF-8 bytes, a surrogate pair).
      const marks = ["\u200E", "\u202E", "\u2066", "\uFE0F", "\u180E", "\u{E0041}", "\u{E0100}"]
      for (const [name, encode] of forms) {
        it(`${name}: the secret is removed, with the marks inside it`, () => {
          for (const mark of marks) {
            const gap = encode(mark)
            const code = mark.codePointAt(0)!.toString(16)
            assert.isTrue(/\p{Default_Ignorable_Code_Point}/u.test(mark), code)
            assert.strictEqual(redact(`a ${interleave(SECRET, gap)} b`), `a ${REDACTED} b`, `${code}: ${gap}`)
            assert.strictEqual(redact(`a ${interleave(EMAIL, gap)}!`), `a ${REDACTED}!`, `${code}: ${gap}`)
          }
        })
      }

      it("named entities of invisible characters, and a text encoded whole with the marks in it", () => {
        for (const entity of ["&lrm;", "&rlm;", "&zwj;", "&ZeroWidthSpace;", "&InvisibleTimes;"]) {
          assert.strictEqual(redact(`a ${interleave(SECRET, entity)} b`), `a ${REDACTED} b`, entity)
        }
        for (const mark of marks) {
          assert.strictEqual(redact(`q=${encodeURIComponent(interleave(SECRET, mark))}&x=1`), `q=${REDACTED}&x=1`)
          const json = JSON.stringify(interleave(SECRET, mark)).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
          assert.strictEqual(redact(`{"t":${json}}`), `{"t":"${REDACTED}"}`)
        }
      })

      it("leaves encoded characters alone outside a secret: an emoji with its joiner, a visible accented letter", () => {
        const family = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}"
        const around = [
          encodeURIComponent(family),
          family.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
          [...family].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join(""),
          "caf%C3%A9 caf\\u00e9 caf&#233; &lrm;x&rlm;"
        ]
        for (const text of around) {
          assert.strictEqual(redact(`${text} ${SECRET}%E2%80%8E!`), `${text} ${REDACTED}%E2%80%8E!`, text)
          assert.strictEqual(redact(text), text)
        }
        // A visible character encoded between a secret's characters is not taken out: no match.
        const accented = interleave(SECRET, "%C3%A9")
        assert.strictEqual(redact(accented), accented)
      })
    })

    it("keeps minLength: a short secret is not looked for in any form", () => {
      const short = makeRedactor(["a/b"], { minLength: 6 })
      assert.strictEqual(short("a%2Fb a&#x2F;b YS9i"), "a%2Fb a&#x2F;b YS9i")
    })
  })
})
