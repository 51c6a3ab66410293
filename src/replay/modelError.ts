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
  const instants = new Set<number>([0, a.endMs, b.endMs]);
  for (const p of a.points) instants.add(p.timeMs);
  for (const p of b.points) instants.add(p.timeMs);
  const end = Math.max(a.endMs, b.endMs);
  const times = [...instants].filter((t) => t >= 0 && t <= end).sort((x, y) => x - y);
  const cursorA = new StepCursor(a);
  const cursorB = new StepCursor(b);
  let absDiff = 0;
  let integralB = 0;
  for (let i = 0; i + 1 < times.length; i++) {
    const t = times[i]!;
    const dt = times[i + 1]! - t;
    const va = cursorA.at(t);
    const vb = cursorB.at(t);
    absDiff += Math.abs(va - vb) * dt;
    integralB += vb * dt;
  }
  return { absDiff, integralB };
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
