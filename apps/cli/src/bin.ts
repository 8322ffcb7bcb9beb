/**
 * The `cf-accounts` executable.
 *
 * @since 0.1.0
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Cli from "./Cli.js"
import * as ExitCode from "./ExitCode.js"
import * as Stdio from "./Stdio.js"

// `cf-accounts list --all | head`: the reader went away; that is not a failure.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0)
})

Cli.main(process.argv, NodeContext.layer, Stdio.processStreams()).pipe(
  NodeRuntime.runMain({
    disableErrorReporting: true,
    disablePrettyLogger: true,
    teardown: (exit, onExit) => onExit(ExitCode.forExit(exit))
  })
)
