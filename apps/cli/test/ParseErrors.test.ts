import { assert, describe, it } from "@effect/vitest"
import * as Cli from "../src/Cli.js"
import * as ParseErrors from "../src/ParseErrors.js"

const names = Cli.subcommands.map(ParseErrors.namesOf)

describe("ParseErrors", () => {
  it("names the command from the arguments: a leaf, a group's subcommand, or the root", () => {
    assert.strictEqual(ParseErrors.commandName(names, ["get", "x"]), "cf-accounts get")
    assert.strictEqual(ParseErrors.commandName(names, ["get", "get"]), "cf-accounts get")
    assert.strictEqual(ParseErrors.commandName(names, ["batch-move", "--to", "x"]), "cf-accounts batch-move")
    assert.strictEqual(ParseErrors.commandName(names, ["profile", "set", "x"]), "cf-accounts profile set")
    assert.strictEqual(ParseErrors.commandName(names, ["profile", "frob"]), "cf-accounts profile")
    assert.strictEqual(ParseErrors.commandName(names, ["frobnicate"]), "cf-accounts")
    assert.strictEqual(ParseErrors.commandName(names, []), "cf-accounts")
  })

  it("turns what @effect/cli prints into one line: no colours, no blank lines", () => {
    assert.strictEqual(
      ParseErrors.oneLine(["\u001b[1mExpected to find option: '--a'\u001b[0m\n\nExpected to find option: '--b'\n\n"]),
      "Expected to find option: '--a'; Expected to find option: '--b'"
    )
    assert.strictEqual(ParseErrors.oneLine(["\n"]), "")
  })
})
