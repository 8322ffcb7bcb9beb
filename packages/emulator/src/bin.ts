#!/usr/bin/env node
/**
 * `cf-accounts-emulator`: runs the emulator until SIGINT/SIGTERM.
 *
 *   cf-accounts-emulator [--port N] [--seed N] [--seed-accounts N] [--token T]
 *                        [--api-key K] [--email E] [--faults <file or inline JSON>]
 *                        [--batch-move implemented|not-implemented]
 *                        [--unknown-type-every N] [--filtered-total-count filtered|unfiltered]
 *
 * The first stdout line is exactly `cf-accounts emulator listening on <url>`.
 * Bad flags: a message on stderr and exit 2.
 *
 * @since 0.1.0
 */
import { batchMove } from "@cf-accounts/core/Operations"
import * as Either from "effect/Either"
import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import type { BatchMoveMode, EmulatorOptions, FilteredTotalCount } from "./EmulatorOptions.js"
import { type FaultConfig, parseFaultConfig } from "./FaultConfig.js"

const USAGE = `Usage: cf-accounts-emulator [options]

  --port N             TCP port on 127.0.0.1 (default 0: a free port)
  --seed N             seed of the generated data and of fault decisions (default 1)
  --seed-accounts N    number of accounts to generate (default 0)
  --token T            accepted API token (default emulator-token)
  --api-key K          accepted X-Auth-Key (default emulator-api-key)
  --email E            accepted X-Auth-Email (default admin@example.com)
  --faults F           fault config: a JSON file, or inline JSON
  --batch-move M       implemented (default) or not-implemented: ${batchMove.key}
                       answers 501 "Not implemented", as Cloudflare's reference says
  --unknown-type-every N
                       every N-th seeded account has type "partner", which the
                       spec does not list (default 0: none)
  --filtered-total-count C
                       filtered (default) or unfiltered: what total_count counts
                       when name= filters the listing; unfiltered is the spec's
                       "Total results available without any search parameters"
  -h, --help           show this help
`

class UsageError extends Error {}

const integer = (flag: string, value: string | undefined, min: number, max: number): number | undefined => {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`)
  }
  return n
}

const faultsFrom = (value: string | undefined): FaultConfig | undefined => {
  if (value === undefined) return undefined
  let text = value
  if (!/^\s*[[{]/.test(value)) {
    try {
      text = readFileSync(value, "utf8")
    } catch {
      throw new UsageError(`--faults: cannot read file ${JSON.stringify(value)}`)
    }
  }
  const config = parseFaultConfig(text)
  if (Either.isLeft(config)) throw new UsageError(`--faults: ${config.left}`)
  return config.right
}

const batchMoveFrom = (value: string | undefined): BatchMoveMode | undefined => {
  if (value === undefined) return undefined
  if (value === "implemented") return "implemented"
  if (value === "not-implemented" || value === "not_implemented") return "not_implemented"
  throw new UsageError(`--batch-move must be implemented or not-implemented, got ${JSON.stringify(value)}`)
}

const filteredTotalCountFrom = (value: string | undefined): FilteredTotalCount | undefined => {
  if (value === undefined) return undefined
  if (value === "filtered" || value === "unfiltered") return value
  throw new UsageError(`--filtered-total-count must be filtered or unfiltered, got ${JSON.stringify(value)}`)
}

const parse = (argv: ReadonlyArray<string>): EmulatorOptions | "help" => {
  let values: ReturnType<typeof read>["values"]
  const read = (args: Array<string>) =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        seed: { type: "string" },
        "seed-accounts": { type: "string" },
        token: { type: "string" },
        "api-key": { type: "string" },
        email: { type: "string" },
        faults: { type: "string" },
        "batch-move": { type: "string" },
        "unknown-type-every": { type: "string" },
        "filtered-total-count": { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    })
  try {
    values = read([...argv]).values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  if (values.help === true) return "help"
  for (const flag of ["token", "api-key", "email"] as const) {
    const value = values[flag]
    if (value !== undefined && (value === "" || /\s/.test(value))) {
      throw new UsageError(`--${flag} must be a non-empty value without spaces`)
    }
  }
  const port = integer("port", values.port, 0, 65535)
  const seed = integer("seed", values.seed, 0, 4294967295)
  const seedAccounts = integer("seed-accounts", values["seed-accounts"], 0, 5_000_000)
  const faults = faultsFrom(values.faults)
  const batchMove = batchMoveFrom(values["batch-move"])
  const unknownTypeEvery = integer("unknown-type-every", values["unknown-type-every"], 0, 5_000_000)
  const filteredTotalCount = filteredTotalCountFrom(values["filtered-total-count"])
  return {
    ...(port === undefined ? {} : { port }),
    ...(seed === undefined ? {} : { seed }),
    ...(seedAccounts === undefined ? {} : { seedAccounts }),
    ...(values.token === undefined ? {} : { token: values.token }),
    ...(values["api-key"] === undefined ? {} : { apiKey: values["api-key"] }),
    ...(values.email === undefined ? {} : { email: values.email }),
    ...(faults === undefined ? {} : { faults }),
    ...(batchMove === undefined ? {} : { batchMove }),
    ...(unknownTypeEvery === undefined ? {} : { unknownTypeEvery }),
    ...(filteredTotalCount === undefined ? {} : { filteredTotalCount })
  }
}

const main = async (): Promise<void> => {
  let options: EmulatorOptions | "help"
  try {
    options = parse(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(`cf-accounts-emulator: ${error.message}\n\n${USAGE}`)
    process.exit(2)
  }
  if (options === "help") {
    process.stdout.write(USAGE)
    return
  }
  // Handlers first: a signal that arrives while starting (or right after the URL line) still exits 0.
  let close: (() => Promise<void>) | undefined
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    const closing = close === undefined ? Promise.resolve() : close()
    closing.then(
      () => process.exit(0),
      () => process.exit(0)
    )
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
  const started = performance.now()
  // Loaded only now, so that --help and bad flags answer without loading the server.
  const { startEmulator } = await import("./start.js")
  const emulator = await startEmulator(options).catch((error: unknown) => {
    const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause
    process.stderr.write(
      `cf-accounts-emulator: cannot listen on 127.0.0.1:${options.port ?? 0}: ${cause?.code ?? cause?.message ?? String(error)}\n`
    )
    process.exit(1)
  })
  close = emulator.close
  const ms = Math.round(performance.now() - started)
  const lines = [
    `cf-accounts emulator listening on ${emulator.url}`,
    `export CLOUDFLARE_BASE_URL=${emulator.url} CLOUDFLARE_API_TOKEN=${emulator.token}`,
    `# or API key auth: X-Auth-Key: ${emulator.apiKey}  X-Auth-Email: ${emulator.email}`,
    `# ${emulator.state.size} accounts, ${emulator.state.organizations.length} organizations (seed ${options.seed ?? 1}), ready in ${ms} ms`,
    ...(options.batchMove === "not_implemented" ? [`# ${batchMove.key} answers 501 Not implemented (--batch-move not-implemented)`] : []),
    ...((options.unknownTypeEvery ?? 0) > 0 ? [`# every ${options.unknownTypeEvery}th seeded account has type "partner" (--unknown-type-every)`] : []),
    ...(options.filteredTotalCount === "unfiltered" ? ["# a filtered listing reports the unfiltered total_count (--filtered-total-count unfiltered)"] : []),
    `# admin: ${emulator.origin}/__emulator/stats  ${emulator.origin}/__emulator/faults  ${emulator.origin}/__emulator/organizations`
  ]
  process.stdout.write(`${lines.join("\n")}\n`)
}

void main()
