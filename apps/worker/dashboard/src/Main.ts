/**
 * The dashboard's entry: checks the session, then renders the page the hash names. The
 * session route answers a visitor without credentials `method: null` (not a 401), so a first
 * visit shows the sign-in prompt without a failed request.
 */
import * as Account from "./Account.js"
import * as Accounts from "./Accounts.js"
import * as Api from "./Api.js"
import { errorBox, h, replace } from "./Dom.js"
import * as Findings from "./Findings.js"
import * as Fix from "./Fix.js"
import * as Jobs from "./Jobs.js"
import * as Overview from "./Overview.js"
import * as Policy from "./Policy.js"
import type { Route } from "./Route.js"
import * as SignIn from "./SignIn.js"
import type { Session } from "./Types.js"

const main = document.getElementById("main") as HTMLElement
const nav = document.getElementById("nav") as HTMLElement
const who = document.getElementById("who") as HTMLElement

let generation = 0
let signedIn = false

const pages: Record<string, (route: Route) => Promise<void>> = {
  "": Overview.render,
  accounts: Accounts.render,
  findings: Findings.render,
  jobs: Jobs.renderList,
  fix: Fix.render,
  policy: Policy.render
}

/** A path part of the hash; a malformed escape is kept as written (the API then names what is wrong). */
const decode = (part: string): string => {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

const route = async (): Promise<void> => {
  if (!signedIn) return
  const current = ++generation
  const [pathText = "", search = ""] = location.hash.replace(/^#\/?/, "").split("?", 2)
  const path = pathText.split("/").filter((part) => part !== "").map(decode)
  const top = path[0] ?? ""
  for (const link of nav.querySelectorAll("a")) {
    const target = link.getAttribute("href")?.replace(/^#\/?/, "") ?? ""
    if (target === top) link.setAttribute("aria-current", "page")
    else link.removeAttribute("aria-current")
  }
  const render =
    top === "accounts" && path.length > 1 ? Account.render : top === "jobs" && path.length > 1 ? Jobs.renderOne : pages[top]
  // Each navigation renders into a view of its own, put in the page at once: a render of an
  // earlier hash that finishes later writes into its own view, no longer shown, never over this one.
  const view = h("div", {})
  replace(main, view)
  main.setAttribute("aria-busy", "true")
  try {
    if (render === undefined) replace(view, h("h1", {}, "Not found"), h("p", {}, "No such page."))
    else await render({ main: view, path, params: new URLSearchParams(search), alive: () => current === generation && signedIn })
  } catch (error) {
    if (current === generation && signedIn) {
      replace(view, errorBox(error instanceof Error ? error.message : String(error)))
    }
  } finally {
    if (current === generation) main.removeAttribute("aria-busy")
  }
}

const signOut = (problem?: string) => {
  signedIn = false
  generation++
  Api.clearToken()
  nav.hidden = true
  who.replaceChildren()
  SignIn.render(main, () => void start(), problem)
}

const start = async (): Promise<void> => {
  let session: Session
  try {
    session = await Api.ok(Api.client.GET(Api.operations["dashboard.session"]))
  } catch (error) {
    const status = error instanceof Api.ApiError ? error.status : 0
    const hadToken = Api.getToken() !== null
    signOut(status === 401 && !hadToken ? undefined : error instanceof Error ? error.message : String(error))
    return
  }
  // No credentials sent (no token entered, no Access in front): the sign-in prompt, no error.
  if (session.method === null) {
    signOut()
    return
  }
  signedIn = true
  nav.hidden = false
  const out = h("button", { type: "button" }, "Sign out")
  out.addEventListener("click", () => signOut())
  replace(who, session.method === "access" ? `Access: ${session.email ?? "signed in"}` : "Admin token", session.method === "token" ? out : null)
  await route()
}

Api.whenUnauthorized(() => {
  if (signedIn) signOut("Your session ended; sign in again.")
})
window.addEventListener("hashchange", () => {
  void route().then(() => main.focus())
})
void start()
