/**
 * How far the simulation of the logged workload, under the logged configuration, is from
 * what the application really did (Sparklens reports the same kind of figure for its own
 * model). A change previewed with `--conf` should be read against this error.
 */

/** A step function of time: each point's value holds until the next point, then `endMs`; 0 after it. */
export interface StepSeries {
  readonly points: readonly { readonly timeMs: number; readonly value: number }[];
  readonly endMs: number;
}

export interface Compared {
  readonly simulated: number;
  readonly actual: number;
  /** simulated - actual. */
  readonly difference: number;
  /** difference / actual; undefined when actual is 0. */
  readonly relative: number | undefined;
}

export type ModelError =
  | {
      readonly kind: "compared";
      readonly runTimeMs: Compared;
      readonly executorSeconds: Compared;
      readonly peakExecutors: Compared;
      /** ∫|sim(t) - actual(t)| dt / ∫ actual(t) dt over [0, max(ends)]. */
      readonly timelineError: number;
      /** ∫|sim(t) - actual(t)| dt, in executor-seconds. */
      readonly absoluteDifferenceExecutorSeconds: number;
    }
  | { readonly kind: "no-executors"; readonly reason: string };

export function compare(simulated: number, actual: number): Compared {
  const difference = simulated - actual;
  return { simulated, actual, difference, relative: actual === 0 ? undefined : difference / actual };
}

/** Value of a step series at `t` (0 before its first point and from its end on). */
export function valueAt(series: StepSeries, t: number): number {
  return new StepCursor(series).at(t);
}

/**
 * ∫|a(t) - b(t)| dt and ∫ b(t) dt over [0, max(a.endMs, b.endMs)], in value × ms, with each
 * series 0 after its end (an application that ended holds no executors). One merge pass.
 */
export function integrateDifference(a: StepSeries, b: StepSeries): { absDiff: number; integralB: number } {
  const end = Math.max(a.endMs, b.endMs);
  const times = isSorted(a) && isSorted(b) ? new MergedInstants(a, b) : sortedInstants(a, b);
  const cursorA = new StepCursor(a);
  const cursorB = new StepCursor(b);
  let absDiff = 0;
  let integralB = 0;
  // Every instant at which either series may change, ascending, each once, within [0, end].
  let t = times.next(-Infinity);
  while (t <= end) {
    const next = times.next(t);
    if (next > end) break;
    const dt = next - t;
    const va = cursorA.at(t);
    const vb = cursorB.at(t);
    absDiff += Math.abs(va - vb) * dt;
    integralB += vb * dt;
    t = next;
  }
  return { absDiff, integralB };
}

function isSorted(s: StepSeries): boolean {
  for (let i = 1; i < s.points.length; i++) if (!(s.points[i - 1]!.timeMs <= s.points[i]!.timeMs)) return false;
  return true;
}

/** The instants of both series (and 0 and both ends) at or after 0, ascending, each once: the smallest after `t` (Infinity past the last). */
interface Instants {
  next(t: number): number;
}

/** Both series' times merged as they are read (both sorted): no set or array of every instant. */
class MergedInstants implements Instants {
  private i = 0;
  private j = 0;
  constructor(
    private readonly a: StepSeries,
    private readonly b: StepSeries,
  ) {}

  next(after: number): number {
    const pa = this.a.points;
    const pb = this.b.points;
    for (let t = after; ; ) {
      while (this.i < pa.length && pa[this.i]!.timeMs <= t) this.i++;
      while (this.j < pb.length && pb[this.j]!.timeMs <= t) this.j++;
      let n = Infinity;
      if (this.i < pa.length) n = pa[this.i]!.timeMs;
      if (this.j < pb.length) n = Math.min(n, pb[this.j]!.timeMs);
      if (0 > t && 0 < n) n = 0;
      if (this.a.endMs > t && this.a.endMs < n) n = this.a.endMs;
      if (this.b.endMs > t && this.b.endMs < n) n = this.b.endMs;
      if (n >= 0) return n;
      t = n;
    }
  }
}

/** Any series: every instant collected and sorted. */
function sortedInstants(a: StepSeries, b: StepSeries): Instants {
  const instants = new Set<number>([0, a.endMs, b.endMs]);
  for (const p of a.points) instants.add(p.timeMs);
  for (const p of b.points) instants.add(p.timeMs);
  const times = [...instants].filter((t) => t >= 0).sort((x, y) => x - y);
  let k = 0;
  return {
    next(t: number): number {
      while (k < times.length && times[k]! <= t) k++;
      return k < times.length ? times[k]! : Infinity;
    },
  };
}

/** The timeline error: mean absolute difference relative to the actual mean (0 when both are 0). */
export function timelineError(simulated: StepSeries, actual: StepSeries): number {
  const { absDiff, integralB } = integrateDifference(simulated, actual);
  return errorRatio(absDiff, integralB);
}

/** ∫|sim - actual| / ∫ actual; 0 when both are 0, Infinity when only the actual is. */
function errorRatio(absDiff: number, integralActual: number): number {
  if (integralActual === 0) return absDiff === 0 ? 0 : Infinity;
  return absDiff / integralActual;
}

/** Reads a step series at non-decreasing times in amortised O(1). */
class StepCursor {
  private i = -1;
  constructor(private readonly series: StepSeries) {}

  at(t: number): number {
    if (t >= this.series.endMs) return 0;
    const pts = this.series.points;
    while (this.i + 1 < pts.length && pts[this.i + 1]!.timeMs <= t) this.i++;
    return this.i < 0 ? 0 : pts[this.i]!.value;
  }
}

export interface ModelErrorInputs {
  readonly hadExecutors: boolean;
  readonly localMode: boolean;
  readonly actual: StepSeries;
  readonly actualExecutorSeconds: number;
  readonly actualPeakExecutors: number;
  readonly simulated: StepSeries;
  readonly simulatedExecutorSeconds: number;
  readonly simulatedPeakExecutors: number;
}

/** The model error of a baseline run against the observed executors. */
export function modelError(p: ModelErrorInputs): ModelError {
  if (!p.hadExecutors) {
    return {
      kind: "no-executors",
      reason: p.localMode
        ? "the log is from local mode: it has no executors, so there is nothing to compare the simulated cluster with"
        : "the log has no executor events (no SparkListenerExecutorAdded), so there is nothing to compare the simulated cluster with",
    };
  }
  const { absDiff, integralB } = integrateDifference(p.simulated, p.actual);
  return {
    kind: "compared",
    runTimeMs: compare(p.simulated.endMs, p.actual.endMs),
    executorSeconds: compare(p.simulatedExecutorSeconds, p.actualExecutorSeconds),
    peakExecutors: compare(p.simulatedPeakExecutors, p.actualPeakExecutors),
    timelineError: errorRatio(absDiff, integralB),
    absoluteDifferenceExecutorSeconds: absDiff / 1000,
  };
}
