/**
 * A two-line SVG chart (accounts and open findings per sync), drawn with DOM calls and
 * described in text for screen readers.
 */
import { h } from "./Dom.js"

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

export const lineChart = (title: string, labels: { a: string; b: string }, points: ReadonlyArray<Point>): HTMLElement => {
  const width = 760
  const height = 240
  const pad = { left: 48, right: 16, top: 16, bottom: 28 }
  const max = Math.max(1, ...points.map((p) => Math.max(p.a, p.b)))
  const t0 = points.length > 0 ? new Date(points[0]!.time).getTime() : 0
  const t1 = points.length > 0 ? new Date(points[points.length - 1]!.time).getTime() : 1
  const x = (time: string) =>
    pad.left + (t1 === t0 ? (width - pad.left - pad.right) / 2 : ((new Date(time).getTime() - t0) / (t1 - t0)) * (width - pad.left - pad.right))
  const y = (value: number) => height - pad.bottom - (value / max) * (height - pad.top - pad.bottom)
  const chart = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "chart-title" })
  chart.appendChild(svg("title", { id: "chart-title" }, `${title}: ${points.length} syncs`))
  chart.appendChild(svg("line", { class: "axis", x1: pad.left, y1: height - pad.bottom, x2: width - pad.right, y2: height - pad.bottom }))
  chart.appendChild(svg("line", { class: "axis", x1: pad.left, y1: pad.top, x2: pad.left, y2: height - pad.bottom }))
  for (const value of [0, Math.round(max / 2), max]) {
    chart.appendChild(svg("text", { x: pad.left - 6, y: y(value) + 4, "text-anchor": "end" }, String(value)))
  }
  if (points.length > 0) {
    // Dates for a span of days; times too when the syncs are less than two days apart.
    const label = (ms: number) => (t1 - t0 < 2 * 86_400_000 ? new Date(ms).toLocaleString() : new Date(ms).toLocaleDateString())
    chart.appendChild(svg("text", { x: pad.left, y: height - 8 }, label(t0)))
    chart.appendChild(svg("text", { x: width - pad.right, y: height - 8, "text-anchor": "end" }, label(t1)))
  }
  for (const key of ["a", "b"] as const) {
    const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.time).toFixed(1)},${y(p[key]).toFixed(1)}`).join(" ")
    if (points.length > 1) chart.appendChild(svg("path", { class: key, d: path }))
    for (const p of points) chart.appendChild(svg("circle", { cx: x(p.time), cy: y(p[key]), r: 3, class: key }))
  }
  return h(
    "figure",
    {},
    chart,
    h(
      "figcaption",
      { class: "legend" },
      h("span", {}, h("span", { class: "sw a" }), labels.a),
      h("span", {}, h("span", { class: "sw b" }), labels.b),
      points.length === 0 ? h("span", { class: "muted" }, "No completed sync in the last 30 days.") : null
    )
  )
}
