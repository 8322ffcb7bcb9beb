import * as Args from "@effect/cli/Args"
import * as CliConfig from "@effect/cli/CliConfig"
import * as Command from "@effect/cli/Command"
import * as CommandDescriptor from "@effect/cli/CommandDescriptor"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
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
    // Canonical: long names, each with its value, the global flags last, then `--` and the arguments.
    assert.deepStrictEqual(request.words, ["--output", "json", "--verbose", "--", "0123456789abcdef0123456789abcdef"])
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
      "unknown option '--verbos' (did you mean '--verbose'?)"
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

  it("a flag without its value, a missing flag or argument, an argument too many: the one style, pointing at help", () => {
    assert.strictEqual(ParseErrors.needsValue(node("create"), "--name"), "--name needs a value (see 'cf-accounts create --help')")
    assert.strictEqual(ParseErrors.missing(node("create"), ["--name"]), "missing --name (see 'cf-accounts create --help')")
    assert.strictEqual(ParseErrors.unexpectedArgument(node("list"), "extra"), "unexpected argument 'extra' (see 'cf-accounts list --help')")
    assert.strictEqual(ParseErrors.repeated(node("list").flags.find((flag) => flag.name === "output")!), "'--output' or '-o' may be given only once")
  })

  // The command line finds these itself, from the table; should one reach @effect/cli's parser,
  // its sentence is read by `ParseErrors.parserSays`. Each is pinned here against the parser
  // itself, so a change of wording upstream fails this test instead of printing raw messages.
  describe("what @effect/cli says, as ParseErrors reads it", () => {
    const command = Command.make("pin", { name: Options.text("name"), id: Args.text({ name: "ACCOUNT_ID" }) })
    const said = (words: ReadonlyArray<string>) =>
      CommandDescriptor.parse(command.descriptor, ["pin", ...words], CliConfig.defaultConfig).pipe(
        Effect.flip,
        Effect.map((error) => {
          assert.isTrue(ValidationError.isValidationError(error), String(error))
          // safe: asserted on the line above
          return ParseErrors.oneLine(HelpDoc.toAnsiText((error as ValidationError.ValidationError).error))
        }),
        Effect.provide(NodeContext.layer)
      )
    const explain = (path: ReadonlyArray<string>, text: string) => ParseErrors.explain(table, node(...path), [], text)

    it.effect("a missing flag", () =>
      Effect.gen(function* () {
        const text = yield* said([])
        assert.match(text, ParseErrors.parserSays.missingOption)
        assert.strictEqual(explain(["create"], text), "missing --name (see 'cf-accounts create --help')")
      }))

    it.effect("a flag without its value", () =>
      Effect.gen(function* () {
        const text = yield* said(["--name"])
        assert.match(text, ParseErrors.parserSays.missingValue)
        assert.strictEqual(explain(["create"], text), "--name needs a value (see 'cf-accounts create --help')")
      }))

    it.effect("a missing argument", () =>
      Effect.gen(function* () {
        const text = yield* said(["--name", "x"])
        assert.match(text, ParseErrors.parserSays.missingArgument)
        assert.strictEqual(explain(["get"], text), "missing <ACCOUNT_ID> (see 'cf-accounts get --help')")
      }))

    it.effect("a mistyped flag near a required one", () =>
      Effect.gen(function* () {
        const text = yield* said(["--nme", "x", "y"])
        assert.match(text, ParseErrors.parserSays.corrected)
        assert.strictEqual(explain(["create"], text), "unknown option '--nme' (did you mean '--name'?)")
      }))

    it("a word left over (CommandTable's own sentence)", () => {
      assert.strictEqual(explain(["list"], "Received unknown argument: '--nam'"), "unknown option '--nam' (did you mean '--name'?)")
      assert.strictEqual(explain(["list"], "Received unknown argument: 'extra'"), "unexpected argument 'extra' (see 'cf-accounts list --help')")
    })
  })
})
