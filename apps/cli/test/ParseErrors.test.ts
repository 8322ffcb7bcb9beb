import { assert, describe, it } from "@effect/vitest"
import * as Cli from "../src/Cli.js"
import * as ParseErrors from "../src/ParseErrors.js"

const names = Cli.tree.children.map(ParseErrors.namesOf)

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

  it("suggests the nearest name: edit distance 2 at most, else a prefix, else nothing", () => {
    assert.strictEqual(ParseErrors.distance("lst", "list"), 1)
    assert.strictEqual(ParseErrors.distance("", "abc"), 3)
    assert.strictEqual(ParseErrors.suggest("lst", ["get", "list"]), "list")
    assert.strictEqual(ParseErrors.suggest("--verbos", ["--output", "--verbose"]), "--verbose")
    assert.strictEqual(ParseErrors.suggest("organ", ["get", "organizations"]), "organizations")
    assert.strictEqual(ParseErrors.suggest("frobnicate", ["get", "list"]), undefined)
  })

  it("an unknown command gets the nearest one; an unknown subcommand of profile lists get and set", () => {
    const invalid = "Invalid subcommand for cf-accounts - use one of 'list', 'get'"
    assert.strictEqual(
      ParseErrors.explain(names, ["lst"], invalid),
      "unknown command 'lst' (did you mean 'list'?); use one of 'list', 'get', 'create', 'update', 'delete', 'move', 'batch-move', 'organizations', 'profile', or 'help'"
    )
    const profile = ParseErrors.explain(names, ["profile", "show", "x"], invalid)
    assert.match(profile, /^unknown command 'show' for 'cf-accounts profile'; use one of /)
    assert.deepStrictEqual([...profile.matchAll(/'(get|set|list)'/g)].map((m) => m[1]).sort(), ["get", "set"])
    assert.include(ParseErrors.explain(names, ["profile", "gte", "x"], invalid), "(did you mean 'get'?)")
  })

  it("a flag before the command, or an unknown flag, gets the nearest flag", () => {
    const invalid = "Invalid subcommand for cf-accounts - use one of 'list', 'get'"
    assert.strictEqual(
      ParseErrors.explain(names, ["--verbos", "list"], invalid),
      "unknown option '--verbos' (did you mean '--verbose'?) before the command; options go after it, as in 'cf-accounts list --verbose'"
    )
    // A command's own flag before the command: where it goes, with a command that has it.
    assert.strictEqual(
      ParseErrors.explain(names, ["--name", "x", "list"], invalid),
      "option '--name' before the command; it goes after it, as in 'cf-accounts list --name'"
    )
    assert.strictEqual(
      ParseErrors.explain(names, ["--business-email=a@b.c", "profile"], invalid),
      "option '--business-email' before the command; it goes after it, as in 'cf-accounts profile <command> --business-email'"
    )
    // Near one of the command line's own flags, which do go first: no "goes after it".
    assert.strictEqual(ParseErrors.explain(names, ["--comp", "bash"], invalid), "unknown option '--comp' (did you mean '--completions'?)")
    assert.strictEqual(
      ParseErrors.explain(names, ["list", "--nam", "x"], "Received unknown argument: '--nam'"),
      "unknown option '--nam' (did you mean '--name'?)"
    )
    assert.strictEqual(
      ParseErrors.explain(names, ["profile", "set", "--business-nam", "x"], "Received unknown argument: '--business-nam'"),
      "unknown option '--business-nam' (did you mean '--business-name'?)"
    )
    assert.strictEqual(ParseErrors.explain(names, ["get", "--bogus"], "Received unknown argument: '--bogus'"), "unknown option '--bogus'")
  })

  it("a known flag the parser calls unknown is named for what is wrong: repeated, or its value missing", () => {
    const unknown = (flag: string) => `Received unknown argument: '${flag}'`
    assert.strictEqual(ParseErrors.explain(names, ["list", "--per-page"], unknown("--per-page")), "'--per-page' needs a value")
    assert.strictEqual(ParseErrors.explain(names, ["list", "-o"], unknown("-o")), "'-o' needs a value")
    assert.strictEqual(ParseErrors.explain(names, ["list", "-v", "--verbose"], unknown("--verbose")), "'--verbose' or '-v' may be given only once")
    assert.strictEqual(ParseErrors.explain(names, ["list", "-o", "json", "-o", "table"], unknown("-o")), "'--output' or '-o' may be given only once")
    assert.strictEqual(ParseErrors.explain(names, ["list", "--all", "--all"], unknown("--all")), "'--all' may be given only once")
  })

  it("'help [command]' is '[command] --help'", () => {
    assert.deepStrictEqual(ParseErrors.helpArgs(["help"]), ["--help"])
    assert.deepStrictEqual(ParseErrors.helpArgs(["help", "profile", "set"]), ["profile", "set", "--help"])
    assert.deepStrictEqual(ParseErrors.helpArgs(["list", "help"]), ["list", "help"])
    assert.deepStrictEqual(ParseErrors.helpArgs(["help", "help"]), ["--help"])
  })
})
