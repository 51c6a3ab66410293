/**
 * An empty array for objects (or strings, or undefined), in V8's elements kind for them from
 * the start, and the last one an array can take: holey (HOLEY_ELEMENTS). A `[]` starts out
 * holding small integers and changes kind at its first object; when that happens after the
 * array has left V8's young generation (a long run fills its arrays late), V8 no longer tells
 * the literal's allocation site, so the next run's `[]` starts out as integers again and the
 * code optimised for this run's arrays is thrown away at the first access ("wrong map", then
 * "not a Smi": a deoptimisation and a recompile of everything that inlined the access, in
 * every thread of a sweep, bench/measures/sweep.mjs). Holey from the start, because every
 * caller shares this one literal's allocation site: a packed start went holey as soon as one
 * caller's array got a hole, and from then on every new array was holey, a hidden class the
 * code optimised in the run before had not seen (about 20 deoptimisations at the start of a
 * sweep thread's second or third run). A holey array's reads check for holes, which no longer
 * costs V8 more than a compare.
 */
export function objectArray<T>(): T[] {
  const a: unknown[] = [, undefined]; // a hole: the literal is holey
  a.length = 0;
  return a as T[];
}
