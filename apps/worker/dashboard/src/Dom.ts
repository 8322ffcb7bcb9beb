/**
 * Builds the page with DOM calls only: every piece of text goes in through `textContent` or a
 * text node, never `innerHTML`, so server data (account names are user-controlled) is shown
 * as text.
 */
export type Child = Node | string | number | null | undefined | false

type Props = Record<string, string | number | boolean | EventListener | undefined>

/** An element with attributes (`on*` props become listeners) and children. */
export const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: ReadonlyArray<Child | ReadonlyArray<Child>>
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue
    if (typeof value === "function") element.addEventListener(name.slice(2), value)
    else element.setAttribute(name, value === true ? "" : String(value))
  }
  append(element, ...children)
  return element
}

export const append = (parent: Node, ...children: ReadonlyArray<Child | ReadonlyArray<Child>>): void => {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)))
  }
}

/** Replaces `parent`'s content. */
export const replace = (parent: Element, ...children: ReadonlyArray<Child | ReadonlyArray<Child>>): void => {
  parent.replaceChildren()
  append(parent, ...children)
}

/** Says `text` to screen readers (the polite live region). */
export const announce = (text: string): void => {
  const status = document.getElementById("status")
  if (status !== null) status.textContent = text
}

/**
 * A table with a caption, headers and rows, in a region that scrolls sideways on its own when
 * the table is wider than the screen (so the page never does); the region can take focus, so
 * it can be scrolled from the keyboard.
 */
export const table = (
  caption: string,
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<Child | ReadonlyArray<Child>>>,
  numeric: ReadonlyArray<number> = []
): HTMLElement =>
  h(
    "div",
    { class: "scroll", role: "region", "aria-label": caption, tabindex: "0" },
    h(
      "table",
      {},
      h("caption", { class: "visually-hidden" }, caption),
      h("thead", {}, h("tr", {}, headers.map((text, i) => h("th", { scope: "col", class: numeric.includes(i) ? "num" : undefined }, text)))),
      h(
        "tbody",
        {},
        rows.map((cells) => h("tr", {}, cells.map((cell, i) => h("td", { class: numeric.includes(i) ? "num" : undefined }, cell))))
      )
    )
  )

export const errorBox = (message: string): HTMLElement => h("p", { class: "error", role: "alert" }, message)
