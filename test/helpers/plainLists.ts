/**
 * A deep copy with every Float64Array as a plain list: a replayed workload keeps its task
 * durations in Float64Arrays, a scenario read from a file holds lists of the same values.
 */
export function withPlainLists<T>(value: T): T {
  if (value instanceof Float64Array) return Array.from(value) as T;
  if (Array.isArray(value)) return value.map(withPlainLists) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPlainLists(v)])) as T;
}
