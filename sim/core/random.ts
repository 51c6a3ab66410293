import seedrandom from "seedrandom";

/** A source of uniform doubles in [0, 1). */
export interface RandomStream {
  next(): number;
}

/**
 * One seeded generator with named substreams: every consumer draws from its own stream,
 * derived from (seed, name), so adding a draw in one place never shifts another's draws.
 */
export class SeededRandom {
  constructor(readonly seed: number | string) {}

  stream(...name: ReadonlyArray<string | number>): RandomStream {
    // alea's generator reads its state from a closure, not `this`: it is the stream's `next` as it is.
    return { next: seedrandom.alea(`${String(this.seed)}/${name.join("/")}`) };
  }
}

/** Standard normal draw (Box-Muller, two uniforms). */
export function normal(stream: RandomStream): number {
  let u = stream.next();
  // log(0) is -Infinity; alea can return 0, so nudge it.
  if (u <= 0) u = Number.MIN_VALUE;
  const v = stream.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
