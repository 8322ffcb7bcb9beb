/**
 * Starts `prism mock` on 127.0.0.1 (a free port) with `--errors`, so requests
 * that break the OpenAPI document are rejected. Runs prism's JS entry with the
 * current Node (vitest runs under the pnpm-provided Node 24).
 */
import { type ChildProcess, spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { createServer } from "node:net"
import { dirname, join } from "node:path"

const VARIABLE = "CLOUDFLARE_OPENAPI_SPEC"

/** The document's path, or a loud failure saying what to set. */
export const specPath = (): string => {
  const file = process.env[VARIABLE]
  if (file === undefined || file === "") {
    throw new Error(
      `${VARIABLE} is not set: point it at Cloudflare's OpenAPI document for the Accounts API to run the conformance tests`
    )
  }
  readFileSync(file) // fails loudly when the path is wrong
  return file
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address !== null ? address.port : 0
      server.close(() => resolve(port))
    })
  })

const prismEntry = (): string => {
  const require = createRequire(import.meta.url)
  const pkg = require.resolve("@stoplight/prism-cli/package.json")
  const bin = (JSON.parse(readFileSync(pkg, "utf8")) as { bin: { prism: string } }).bin.prism
  return join(dirname(pkg), bin)
}

export interface Prism {
  readonly url: string
  readonly close: () => Promise<void>
}

export const startPrism = async (file: string): Promise<Prism> => {
  const port = await freePort()
  const child: ChildProcess = spawn(
    process.execPath,
    [prismEntry(), "mock", file, "-h", "127.0.0.1", "-p", String(port), "--errors"],
    { stdio: ["ignore", "pipe", "pipe"] }
  )
  let output = ""
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`prism did not start within 60 s:\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes("Prism is listening")) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on("data", onData)
    child.stderr?.on("data", onData)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`prism exited with ${code}:\n${output}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once("exit", () => resolve())
        child.kill("SIGTERM")
      })
  }
}
