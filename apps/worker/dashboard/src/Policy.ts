import { client, ok, operations } from "./Api.js"
import { h, replace, table } from "./Dom.js"
import { time } from "./Format.js"
import { href, type Route } from "./Route.js"

/**
 * Policy: the current version as stored (its text), who stored it and when (or that it is the
 * worker's default), the engine's rules switched on or off and whether a fix job can fix each,
 * the exceptions with their reason and expiry (expired ones marked: they excuse nothing), and
 * the earlier versions. Read only: a new version is stored through the API (`policy.put`).
 */
export const render = async ({ main }: Route): Promise<void> => {
  const [policy, versions] = await Promise.all([
    ok(client.GET(operations["policy.get"])),
    ok(client.GET(operations["policy.versions"], { params: { query: { limit: "20" } } }))
  ])
  replace(
    main,
    h("h1", {}, "Policy"),
    h(
      "p",
      { "data-policy-version": policy.version === null ? "default" : String(policy.version) },
      policy.default
        ? "The worker's default policy: no version has been stored yet."
        : `Version ${policy.version}, stored by ${policy.created_by ?? "—"} on ${time(policy.created_at)}.`
    ),
    h("h2", {}, "Rules"),
    table(
      "Rules",
      ["Rule", "State", "What it checks", "Automatic fix"],
      policy.rules.map((rule) => [
        h("code", {}, rule.id),
        h("span", { class: rule.enabled ? "good" : "muted", "data-rule-enabled": `${rule.id}:${rule.enabled}` }, rule.enabled ? "on" : "off"),
        rule.detail,
        rule.fix ? h("a", { href: href("fix", { rule: rule.id }) }, `Fix ${rule.id}`) : "—"
      ])
    ),
    h("h2", {}, "Exceptions"),
    policy.exceptions.length === 0
      ? h("p", { class: "muted" }, "No exceptions.")
      : table(
          "Exceptions",
          ["Rule", "Accounts", "Reason", "Expires"],
          policy.exceptions.map((exception) => [
            h("code", {}, exception.rule),
            exception.accounts.flatMap((entry, i) => [i > 0 ? ", " : "", h("code", {}, entry)]),
            h("span", { "data-exception-reason": "" }, exception.reason),
            h(
              "span",
              { class: exception.expired ? "bad" : undefined, "data-exception-expires": exception.expired ? "expired" : "valid" },
              exception.expired ? `${exception.expires} (expired)` : exception.expires
            )
          ])
        ),
    h("h2", {}, "File"),
    h("pre", { class: "file", "data-policy-text": "", tabindex: "0", "aria-label": "The policy file" }, policy.text),
    h("h2", {}, "Versions"),
    versions.items.length === 0
      ? h("p", { class: "muted" }, "None stored.")
      : table(
          "Versions",
          ["Version", "Stored by", "When"],
          versions.items.map((v) => [String(v.version), v.created_by, time(v.created_at)]),
          [0]
        )
  )
}
