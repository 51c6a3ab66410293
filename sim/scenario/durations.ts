import { normal, type RandomStream } from "../core/random.js";
import type { DurationSpec, TaskDurationSpec } from "./Scenario.js";

/** z such that P(Z <= z) = 0.95 for a standard normal. */
const Z95 = 1.6448536269514722;

/**
 * Draws the i-th value of a duration spec. Distributions draw from `stream` (one stream per
 * consumer), so the i-th draw depends only on the seed, the stream name and i's order.
 * Results are whole milliseconds, never negative.
 */
export function sampleDuration(spec: DurationSpec, index: number, stream: RandomStream): number {
  if (typeof spec === "number") return spec;
  if (Array.isArray(spec)) {
    // Beyond the list the last value repeats ("the first executors waited for the AM, later ones start fast").
    const list = spec as readonly number[];
    return list[Math.min(index, list.length - 1)]!;
  }
  const dist = spec as Exclude<DurationSpec, number | readonly number[]>;
  switch (dist.distribution) {
    case "uniform":
      return Math.round(dist.minMs + (dist.maxMs - dist.minMs) * stream.next());
    case "exponential":
      return Math.round(-dist.meanMs * Math.log(1 - stream.next()));
    case "lognormal": {
      const sigma = Math.log(dist.p95Ms / dist.medianMs) / Z95;
      return Math.max(0, Math.round(dist.medianMs * Math.exp(sigma * normal(stream))));
    }
  }
}

/** Whether drawing `spec` reads a random stream: a constant or a list draws nothing. */
export function drawsRandomly(spec: TaskDurationSpec): boolean {
  return typeof spec !== "number" && !Array.isArray(spec) && !(spec instanceof Float64Array);
}

/** The stream given for a spec that draws nothing (`drawsRandomly` false): never read. */
export const NO_DRAWS: RandomStream = {
  next: () => {
    throw new Error("internal: a constant or listed duration drew a random number");
  },
};

/**
 * All `count` values of a spec, in index order: the same values as `sampleDuration` for each
 * index, drawn in one loop per distribution (a million draws are a large part of a run). A
 * Float64Array of `count` values is returned as it is (the engine never writes durations).
 */
export function sampleDurations(spec: TaskDurationSpec, count: number, stream: RandomStream): Float64Array {
  if (spec instanceof Float64Array && spec.length === count) return spec;
  if (spec instanceof Float64Array) throw new Error(`internal: ${spec.length} task durations for ${count} tasks (the scenario was not validated)`);
  const out = new Float64Array(count);
  if (typeof spec === "number" || Array.isArray(spec)) {
    for (let i = 0; i < count; i++) out[i] = sampleDuration(spec, i, stream);
    return out;
  }
  const dist = spec as Exclude<DurationSpec, number | readonly number[]>;
  switch (dist.distribution) {
    case "uniform":
      for (let i = 0; i < count; i++) out[i] = Math.round(dist.minMs + (dist.maxMs - dist.minMs) * stream.next());
      return out;
    case "exponential":
      for (let i = 0; i < count; i++) out[i] = Math.round(-dist.meanMs * Math.log(1 - stream.next()));
      return out;
    case "lognormal":
      sampleLognormal(out, dist.medianMs, Math.log(dist.p95Ms / dist.medianMs) / Z95, stream);
      return out;
  }
}

/** `sampleDuration`'s lognormal for every index, with `normal` written out (the same arithmetic, in the same order). */
function sampleLognormal(out: Float64Array, medianMs: number, sigma: number, stream: RandomStream): void {
  for (let i = 0; i < out.length; i++) {
    let u = stream.next();
    if (u <= 0) u = Number.MIN_VALUE;
    const v = stream.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    out[i] = Math.max(0, Math.round(medianMs * Math.exp(sigma * z)));
  }
}

/**
 * Task durations already drawn, by `${seed}/${stageId}`: a sweep running one workload under
 * many configs draws each stage's durations once per seed. Valid for one scenario's workload
 * only; the arrays are never written after they are drawn.
 */
export type TaskDurationCache = Map<string, Float64Array>;
