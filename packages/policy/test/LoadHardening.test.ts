/**
 * The loader against hostile or surprising YAML: alias bombs, unsafe regular
 * expressions (Patterns.test.ts), directives, tags, scalars YAML reads as numbers or dates, and
 * unions a value fits none of. Each is a PolicyFileError at its place, never a
 * crash, a hang or a silent reading.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Load from "../src/Load.js"

const problems = (text: string) => {
  const result = Load.parseEither(text, { source: "fleet.yaml" })
  assert.isTrue(Either.isLeft(result), "expected the file to be refused")
  return Either.isLeft(result) ? result.left.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`) : []
}

const BOMB = [
  "a: &a [x,x,x,x,x,x,x,x,x,x]",
  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]",
  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]",
  "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]",
  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]",
  "f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]",
  ""
].join("\n")

const exceptionFor = (entry: string) =>
  `policy:\n  exceptions:\n    - rule: name\n      accounts: [${JSON.stringify(entry)}]\n      reason: r\n      expires: 2027-03-31\n`

describe("Load.parse: aliases", () => {
  it("101 declared accounts sharing one settings anchor load (legitimate reuse is not an attack)", () => {
    let text = "accounts:\n  - name: a0\n    settings: &std { enforce_twofactor: true, abuse_contact_email: sec@example.com }\n"
    for (let i = 1; i < 101; i++) text += `  - name: a${i}\n    settings: *std\n`
    const result = Load.parseEither(text)
    assert.isTrue(Either.isRight(result))
    if (Either.isRight(result)) {
      assert.strictEqual(result.right.accounts?.length, 101)
      assert.deepStrictEqual(result.right.accounts?.[100]?.settings, { enforce_twofactor: true, abuse_contact_email: "sec@example.com" })
    }
  })

  it.effect("an alias bomb is a PolicyFileError at the alias, not a crash", () =>
    Effect.gen(function* () {
      const exit = yield* Effect.exit(Load.parse(BOMB, { source: "fleet.yaml" }))
      assert.isTrue(Exit.isFailure(exit))
      const error = yield* Effect.flip(Load.parse(BOMB, { source: "fleet.yaml" }))
      assert.strictEqual(error._tag, "PolicyFileError")
      assert.deepStrictEqual(
        error.problems.map((p) => `${p.line}:${p.column}`),
        ["6:5"]
      )
      assert.match(error.problems[0]!.message, /aliases expand the file to \d+ nodes, more than 100000/)
    })
  )

  it("an alias inside the node it names is refused", () => {
    assert.deepStrictEqual(problems("a: &a [1, *a]\n"), ["1:11 : the alias *a refers to a node that contains it"])
  })
})

describe("Load.parse: YAML is read one way", () => {
  it("refuses a %YAML or %TAG directive (YAML 1.1 would read yes as true)", () => {
    assert.deepStrictEqual(problems("%YAML 1.1\n---\npolicy:\n  enforce_twofactor: yes\n"), [
      "1:1 : directives (%YAML, %TAG) are not accepted: a policy file is read as YAML 1.2"
    ])
    assert.deepStrictEqual(problems("%TAG !e! tag:example.com,2000:\n---\npolicy: {}\n"), [
      "1:1 : directives (%YAML, %TAG) are not accepted: a policy file is read as YAML 1.2"
    ])
  })

  it("refuses YAML warnings such as an unknown tag", () => {
    assert.deepStrictEqual(problems("accounts:\n  - name: !foo acme\n"), ["2:11 : Unresolved tag: !foo"])
  })

  it("a number, boolean or date where text is expected says: quote it", () => {
    assert.deepStrictEqual(problems("accounts:\n  - name: a\n    id: 1234567890123456789012345678e901\n"), [
      "3:9 accounts.0.id: must be text, and YAML read a number: quote it"
    ])
    assert.deepStrictEqual(problems(exceptionFor("x").replace('["x"]', "[1234567890123456789012345678e901]")), [
      "4:18 policy.exceptions.0.accounts.0: must be text, and YAML read a number: quote it"
    ])
    assert.deepStrictEqual(problems("accounts:\n  - name: true\n"), ["2:11 accounts.0.name: must be text, and YAML read a boolean: quote it"])
  })

  it("a value that fits no member of a union is one problem saying what it may be", () => {
    assert.deepStrictEqual(problems("policy:\n  name: true\n"), ["2:9 policy.name: must be false or { pattern: Pattern }, not true"])
    assert.deepStrictEqual(problems("policy:\n  type: { allowed: [] }\n"), ["2:20 policy.type.allowed: must not be empty"])
  })
})
