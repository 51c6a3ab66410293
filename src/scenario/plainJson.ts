/**
 * A `JSON.stringify` (and YAML `Document`) replacer that writes a Float64Array as a plain list:
 * a replayed workload keeps its per-task durations in Float64Arrays (`TaskDurationSpec`), and a
 * scenario file, like a fingerprint of one, holds a list.
 */
export function plainLists(_key: string, value: unknown): unknown {
  return value instanceof Float64Array ? Array.from(value) : value;
}
