/**
 * A small seeded pseudo-random generator (mulberry32). Seeding 100,000 accounts
 * and drawing fault decisions must be fast, synchronous and reproducible from a
 * seed, so this is used instead of `Math.random` (never used here) or the
 * effectful `Random` service.
 *
 * @internal
 */
export interface Prng {
  /** A float in [0, 1). */
  readonly next: () => number
  /** An unsigned 32-bit integer. */
  readonly nextUint32: () => number
  /** An integer in [0, n). */
  readonly nextInt: (n: number) => number
  /** `chars` lower-case hexadecimal characters. */
  readonly hex: (chars: number) => string
}

/** @internal */
export const makePrng = (seed: number): Prng => {
  let state = seed >>> 0
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const next = (): number => nextUint32() / 4294967296
  const nextInt = (n: number): number => Math.floor(next() * n)
  const hex = (chars: number): string => {
    let out = ""
    while (out.length < chars) out += nextUint32().toString(16).padStart(8, "0")
    return out.slice(0, chars)
  }
  return { next, nextUint32, nextInt, hex }
}
