import { assert, describe, it } from "@effect/vitest"
import * as Cli from "../src/Cli.js"
import * as CommandTable from "../src/CommandTable.js"
import { table } from "../src/Commands.js"
import * as ParseErrors from "../src/ParseErrors.js"

const node = (...path: ReadonlyArray<string>): CommandTable.Node => {
  const found = CommandTable.find(table.root, path)
  assert.isDefined(found, path.join(" "))
  return found as CommandTable.Node
}

describe("ParseErrors", () => {
  it("argv is read once into the command, its words (global flags last) and the log level", () => {
    const request = Cli.parse(["-o", "json", "profile", "--log-level", "none", "get", "0123456789abcdef0123456789abcdef", "-v"])
    assert.strictEqual(request._tag, "Run")
    if (request._tag !== "Run") return
    assert.deepStrictEqual(request.node.path, ["profile", "get"])
    assert.deepStrictEqual(request.words, ["0123456789abcdef0123456789abcdef", "-o", "json", "-v"])
    assert.strictEqual(request.logLevel._tag, "Some")
    assert.deepStrictEqual(Cli.parse(["help", "profile", "set"]), { _tag: "Help", node: node("profile", "set") })
    assert.deepStrictEqual(Cli.parse(["--completions", "fish"]), { _tag: "Completions", shell: "fish" })
  })

  it("turns what @effect/cli says into one line: no colours, no blank lines", () => {
    assert.strictEqual(
      ParseErrors.oneLine("\u001b[1mExpected to find option: '--a'\u001b[0m\n\nExpected to find option: '--b'\n\n"),
      "Expected to find option: '--a'; Expected to find option: '--b'"
    )
    assert.strictEqual(ParseErrors.oneLine("\n"), "")
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
    assert.strictEqual(
      ParseErrors.unknownCommand(table.root, "lst"),
      "unknown command 'lst' (did you mean 'list'?); use one of 'list', 'get', 'create', 'update', 'delete', 'move', 'batch-move', 'organizations', 'profile', 'audit', 'plan', 'apply', 'completion', or 'help'"
    )
    assert.strictEqual(
      ParseErrors.unknownCommand(node("profile"), "show"),
      "unknown command 'show' for 'cf-accounts profile'; use one of 'get', 'set'"
    )
    assert.include(ParseErrors.unknownCommand(node("profile"), "gte"), "(did you mean 'get'?)")
  })

  it("a flag before the command, or an unknown flag, gets the nearest flag", () => {
    assert.strictEqual(
      ParseErrors.flagBeforeCommand(table, table.root, "--verbos"),
      "unknown option '--verbos' (did you mean '--verbose'?) before the command; options go after it, as in 'cf-accounts list --verbose'"
    )
    // A command's own flag before the command: where it goes, with a command that has it.
    assert.strictEqual(
      ParseErrors.flagBeforeCommand(table, table.root, "--name"),
      "option '--name' before the command; it goes after it, as in 'cf-accounts list --name'"
    )
    assert.strictEqual(
      ParseErrors.flagBeforeCommand(table, table.root, "--business-email"),
      "option '--business-email' before the command; it goes after it, as in 'cf-accounts profile <command> --business-email'"
    )
    // Near one of the command line's own flags, which do go first: no "goes after it".
    assert.strictEqual(ParseErrors.flagBeforeCommand(table, table.root, "--comp"), "unknown option '--comp' (did you mean '--completions'?)")
    const explain = (path: ReadonlyArray<string>, words: ReadonlyArray<string>, text: string) =>
      ParseErrors.explain(table, node(...path), words, text)
    assert.strictEqual(explain(["list"], ["--nam", "x"], "Received unknown argument: '--nam'"), "unknown option '--nam' (did you mean '--name'?)")
    assert.strictEqual(
      explain(["profile", "set"], ["--business-nam", "x"], "The flag '--business-nam' is not recognized. Did you mean '--business-name'?"),
      "unknown option '--business-nam' (did you mean '--business-name'?)"
    )
    assert.strictEqual(explain(["get"], ["--bogus"], "Received unknown argument: '--bogus'"), "unknown option '--bogus'")
  })

  it("a known flag the parser calls unknown is named for what is wrong: repeated, or its value missing", () => {
    const unknown = (flag: string) => `Received unknown argument: '${flag}'`
    const explain = (words: ReadonlyArray<string>, flag: string) => ParseErrors.explain(table, node("list"), words, unknown(flag))
    assert.strictEqual(explain(["--per-page"], "--per-page"), "'--per-page' needs a value")
    assert.strictEqual(explain(["-o"], "-o"), "'-o' needs a value")
    assert.strictEqual(explain(["-v", "--verbose"], "--verbose"), "'--verbose' or '-v' may be given only once")
    assert.strictEqual(explain(["-o", "json", "-o", "table"], "-o"), "'--output' or '-o' may be given only once")
    assert.strictEqual(explain(["--all", "--all"], "--all"), "'--all' may be given only once")
  })

  it("a missing flag or argument points at the command's help", () => {
    assert.strictEqual(
      ParseErrors.explain(table, node("create"), [], "Expected to find option: '--name'"),
      "missing --name (see 'cf-accounts create --help')"
    )
    assert.strictEqual(
      ParseErrors.explain(table, node("get"), [], "Missing argument <ACCOUNT_ID>"),
      "missing <ACCOUNT_ID> (see 'cf-accounts get --help')"
    )
  })
})
