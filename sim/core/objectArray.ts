/**
 * An empty array for objects (or strings, or undefined), in V8's elements kind for them from
 * the start. A `[]` starts out holding small integers and changes kind at its first object;
 * when that happens after the array has left V8's young generation (a long run fills its
 * arrays late), V8 no longer tells the literal's allocation site, so the next run's `[]`
 * starts out as integers again and the code optimised for this run's arrays is thrown away
 * at the first access ("wrong map", then "not a Smi": a deoptimisation and a recompile of
 * everything that inlined the access, in every thread of a sweep, bench/measures/sweep.mjs).
 */
export function objectArray<T>(): T[] {
  const a: unknown[] = [undefined];
  a.pop();
  return a as T[];
}
