import { existsSync } from "node:fs"
import { bundle } from "./cli.js"

/** The end-to-end tests run the built bundle: say so clearly when it is missing. */
export default function setup(): void {
  if (!existsSync(bundle)) {
    throw new Error(
      `${bundle} is missing: build first with \`pnpm turbo run build --filter=@cf-accounts/cli...\` (turbo's test task does this)`
    )
  }
}
