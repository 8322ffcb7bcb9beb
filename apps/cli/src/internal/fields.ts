import * as Option from "effect/Option"

/** `{ [key]: value }` when the option is set, `{}` otherwise: for building request bodies. */
export const field = <K extends string, A>(key: K, value: Option.Option<A>): { [P in K]?: A } =>
  // The cast restates the computed key's type, which TypeScript widens to `string`.
  Option.isSome(value) ? ({ [key]: value.value } as { [P in K]?: A }) : {}
