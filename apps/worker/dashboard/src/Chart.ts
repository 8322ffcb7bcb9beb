/**
 * A two-line SVG chart (accounts and open findings per sync), drawn with DOM calls and
 * described in text for screen readers.
 */
import { h } from "./Dom.js"
import { axisLabel, labelled, time } from "./Format.js"

const SVG = "http://www.w3.org/2000/svg"

const svg = (tag: string, attributes: Record<string, string | number>, text?: string): SVGElement => {
  const element = document.createElementNS(SVG, tag)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value))
  if (text !== undefined) element.textContent = text
  return element
}

export interface Point {
  readonly time: string
  readonly a: number
  readonly b: number
}

/**
 * One point per sync, evenly spaced whatever the time between syncs (seconds or days), with
 * short time labels under a few of them and the whole span in the caption; the SVG scales to
 * its container (viewBox), and its labels are larger on a narrow screen (app.css).
 */
export const lineChart = (title: string, labels: { a: string; b: string }, points: ReadonlyArray<Point>): HTMLElement => {
  const width = 760
  const height = 260
  const pad = { left: 76, right: 28, top: 20, bottom: 44 }
  const max = Math.max(1, ...points.map((p) => Math.max(p.a, p.b)))
  const times = points.map((p) => new Date(p.time).getTime())
  const t0 = times[0] ?? 0
  const span = (times[times.length - 1] ?? 0) - t0
  const inner = width - pad.left - pad.right
  const x = (i: number) => pad.left + (points.length < 2 ? inner / 2 : (i / (points.length - 1)) * inner)
  const y = (value: number) => height - pad.bottom - (value / max) * (height - pad.top - pad.bottom)
  const chart = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "chart-title" })
  chart.appendChild(svg("title", { id: "chart-title" }, `${title}: ${points.length} syncs`))
  chart.appendChild(svg("line", { class: "axis", x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom }))
  chart.appendChild(svg("line", { class: "axis", x1: pad.left, y1: pad.top, x2: pad.left, y2: height - pad.bottom }))
  for (const value of [0, Math.round(max / 2), max]) {
    chart.appendChild(svg("text", { x: pad.left - 8, y: y(value) + 6, "text-anchor": "end" }, String(value)))
  }
  const shown = labelled(points.length, 3)
  for (const i of shown) {
    const anchor = points.length < 2 ? "middle" : i === 0 ? "start" : i === points.length - 1 ? "end" : "middle"
    chart.appendChild(svg("text", { x: x(i), y: height - 10, "text-anchor": anchor }, axisLabel(times[i] ?? 0, span)))
  }
  for (const key of ["a", "b"] as const) {
    const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`).join(" ")
    if (points.length > 1) chart.appendChild(svg("path", { class: key, d: path }))
    points.forEach((p, i) => {
      chart.appendChild(svg("circle", { cx: x(i).toFixed(1), cy: y(p[key]).toFixed(1), r: 4, class: key }))
    })
  }
  const first = points[0]
  const last = points[points.length - 1]
  return h(
    "figure",
    {},
    chart,
    h(
      "figcaption",
      { class: "legend" },
      h("span", {}, h("span", { class: "sw a" }), labels.a),
      h("span", {}, h("span", { class: "sw b" }), labels.b),
      first === undefined || last === undefined
        ? h("span", { class: "muted" }, "No completed sync in the last 30 days.")
        : h(
            "span",
            { class: "muted", "data-chart-span": "" },
            points.length === 1 ? `One sync, ${time(first.time)}.` : `${points.length} syncs, evenly spaced, from ${time(first.time)} to ${time(last.time)}.`
          )
    )
  )
}
