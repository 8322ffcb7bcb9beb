import * as Api from "./Api.js"
import { errorBox, h, replace } from "./Dom.js"

/** The sign-in prompt: no data is shown until a session exists. */
export const render = (main: HTMLElement, onSignedIn: () => void, problem?: string): void => {
  const input = h("input", { id: "token", name: "token", type: "password", autocomplete: "off", required: true })
  const form = h(
    "form",
    {},
    h("label", { for: "token" }, "Admin token"),
    input,
    h("button", { type: "submit", class: "primary" }, "Sign in")
  )
  form.addEventListener("submit", (event) => {
    event.preventDefault()
    Api.setToken(input.value.trim())
    onSignedIn()
  })
  replace(
    main,
    h(
      "section",
      { class: "signin", "aria-labelledby": "signin-title" },
      h("h1", { id: "signin-title" }, "Sign in"),
      h("p", {}, "Open this page through Cloudflare Access, or enter the worker's admin token. The token stays in this tab (session storage) and is sent only as a bearer header."),
      problem === undefined ? null : errorBox(problem),
      form
    )
  )
  input.focus()
}
