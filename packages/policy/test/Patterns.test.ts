/**
 * Regular expressions in a policy file (policy.name.pattern, exception entries)
 * run with backtracking: those whose time could grow exponentially with the
 * name's length are refused where they are read, and never run.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Audit from "../src/Audit.js"
import * as Load from "../src/Load.js"
import type { Policy } from "../src/PolicyFile.js"
import { account } from "./support.js"

const problems = (text: string) => {
  const result = Load.parseEither(text, { source: "fleet.yaml" })
  assert.isTrue(Either.isLeft(result), "expected the file to be refused")
  return Either.isLeft(result) ? result.left.problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`) : []
}

const exceptionFor = (entry: string) =>
  `policy:\n  exceptions:\n    - rule: name\n      accounts: [${JSON.stringify(entry)}]\n      reason: r\n      expires: 2027-03-31\n`

describe("Load.parse: patterns that could backtrack for ever", () => {
  it("refuses nested or ambiguous repetition and backreferences, at the pattern", () => {
    assert.deepStrictEqual(problems('policy:\n  name: { pattern: "^([a-z0-9]+-?)+$" }\n'), [
      "2:20 policy.name.pattern: must not repeat a group that contains a quantifier or an alternation, such as (a+)+ or (a|aa)+: matching can take time exponential in the name's length"
    ])
    assert.match(problems(exceptionFor("(a|aa)+"))[0]!, /^4:18 policy\.exceptions\.0\.accounts\.0: must not repeat a group/)
    assert.match(problems(exceptionFor("(?:x*)*"))[0]!, /must not repeat a group/)
    assert.match(problems(exceptionFor("(a)\\1"))[0]!, /must not use a backreference/)
    assert.match(problems(exceptionFor("a".repeat(257)))[0]!, /must be at most 256 characters/)
    assert.match(problems(exceptionFor("a*b*c*d*e*f*"))[0]!, /at most 5 repeating quantifiers/)
  })

  it("keeps ordinary patterns", () => {
    const text = `policy:\n  name: { pattern: "^(acme|labs)-" }\n  exceptions:\n    - rule: name\n      accounts: ["^acme-[a-z0-9-]+$", "labs-.*", "acme-legacy", "(?:x|y)?z", "[(+*]+", "a{2,3}"]\n      reason: r\n      expires: 2027-03-31\n`
    assert.isTrue(Either.isRight(Load.parseEither(text)))
  })

  it("a policy built in code with such a pattern is never run: the finding says it was not checked", () => {
    const policy: Policy = { name: { pattern: "^([a-z0-9]+-?)+$" } }
    const [finding] = Audit.audit([account({ name: `${"a".repeat(33)}!` })], policy, 0)
    assert.match(finding?.detail ?? "", /was not checked: policy\.name\.pattern must not repeat a group/)
  })
})

