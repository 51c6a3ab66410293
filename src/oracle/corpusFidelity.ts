/**
 * The real-Spark corpus (oracle/corpus): event logs of scenario files run on real Spark
 * (`oracle/real_run.py`), each replayed through `replay` to measure the model's error, and its
 * dynamic-allocation removals paired executor by executor with the simulated ones.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readSparkEvents } from "../eventlog/index.js";
import type { ModelError } from "../replay/modelError.js";
import { replayEventLog } from "../replay/replay.js";

/** oracle/corpus in this repository (from src/oracle or dist/src/oracle). */
export function defaultCorpusDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = here.includes(`${join("dist", "src")}`) ? "../../../oracle/corpus" : "../../oracle/corpus";
  return resolve(here, up);
}

export interface CorpusRun {
  /** Relative to the corpus folder, e.g. `logs/idle-gaps--3.5.7.zstd`. */
  readonly log: string;
  readonly scenario: string;
  readonly sparkVersion: string;
  readonly repeat: number;
  readonly applicationId: string;
  readonly master: string;
  readonly command: string;
  readonly startedAt: string;
  readonly wallSeconds: number;
  readonly loadAverage1m: { readonly start: number; readonly end: number };
}

export function readCorpusManifest(corpusDir: string): CorpusRun[] {
  const m = JSON.parse(readFileSync(join(corpusDir, "manifest.json"), "utf8")) as { runs: CorpusRun[] };
  return m.runs;
}

export type ObservedRemovalReason = "idle-timeout" | "cached-idle-timeout" | "shuffle-idle-timeout" | "held-then-released";

/**
 * A real dynamic-allocation removal paired with a simulated one of the same reason (the n-th
 * shortest idle time of that reason in each). The real reason is what the idle time shows: the
 * longest timeout it passed by no more than the kill latency; an executor held past every
 * timeout (until an unpersist or a shuffle clean-up) counts as an idle-timeout removal, which
 * is how Spark and the model remove it.
 */
export interface RemovalPair {
  readonly realExecutorId: string;
  readonly simExecutorId: string;
  /** Removal time minus the executor's last task end (or its registration), real and simulated. */
  readonly realIdleMs: number;
  readonly simIdleMs: number;
  /** The reason the simulation logged, and the one the real idle time shows. */
  readonly reason: Exclude<ObservedRemovalReason, "held-then-released">;
  /** Either side was held past its timeout (by the target floor, cache or shuffle data). */
  readonly held: boolean;
}

export interface RunFidelity {
  readonly run: CorpusRun;
  readonly modelError: Extract<ModelError, { kind: "compared" }>;
  readonly realRemovals: number;
  readonly simRemovals: number;
  readonly pairs: readonly RemovalPair[];
}

/**
 * How long after the allocation manager's kill a real executor's removal is logged: the worker
 * stops the executor's JVM and the driver posts ExecutorRemoved when it is gone. Measured on the
 * corpus at 5 to 12 s on the loaded 2-core machine (load average 30-60); the model logs the
 * removal at the kill.
 */
export const REASON_TOLERANCE_MS = 15_000;

/** The model removes at the first 100 ms tick after the deadline (plus the tick it was evaluated at). */
export const SIM_TOLERANCE_MS = 500;

/** Names the timeout an idle time matches; longer than all that apply: held by cache or shuffle data. */
export function classifyIdle(
  idleMs: number,
  timeouts: { idleMs: number; cachedMs: number; shuffleMs: number },
  latencyMs = REASON_TOLERANCE_MS,
): ObservedRemovalReason {
  const candidates: [ObservedRemovalReason, number][] = [
    ["idle-timeout", timeouts.idleMs],
    ["cached-idle-timeout", timeouts.cachedMs],
    ["shuffle-idle-timeout", timeouts.shuffleMs],
  ];
  // The longest timeout the idle time has passed, if it passed it by no more than the kill latency.
  let best: ObservedRemovalReason = "held-then-released";
  let bestTimeout = -Infinity;
  for (const [reason, t] of candidates) {
    if (!Number.isFinite(t)) continue;
    const d = idleMs - t;
    if (d >= -200 && t > bestTimeout) {
      best = d <= latencyMs ? reason : "held-then-released";
      bestTimeout = t;
    }
  }
  return best;
}

/** Replays one corpus log and pairs its removals with the simulation's. */
export async function measureRun(corpusDir: string, run: CorpusRun): Promise<RunFidelity> {
  const path = join(corpusDir, run.log);
  const r = await replayEventLog(path);
  if (r.modelError.kind !== "compared") throw new Error(`${run.log}: ${r.modelError.reason}`);
  const appStart = r.observed.appStartEpochMs;
  const lastTaskEnd = new Map<string, number>();
  for await (const e of readSparkEvents(path)) {
    if (e.event === "SparkListenerTaskEnd") {
      const t = e.task.finishTimeMs - appStart;
      lastTaskEnd.set(e.task.executorId, Math.max(lastTaskEnd.get(e.task.executorId) ?? -Infinity, t));
    }
  }
  const conf = r.baseline.result.conf;
  const timeouts = { idleMs: conf.executorIdleTimeoutMs, cachedMs: conf.cachedExecutorIdleTimeoutMs, shuffleMs: conf.shuffleTrackingTimeoutMs };
  const real = r.observed.executors
    .filter((x) => x.removal === "idle-release")
    .map((x) => {
      const idle = x.removedMs - Math.max(x.addedMs, lastTaskEnd.get(x.executorId) ?? -Infinity);
      const c = classifyIdle(idle, timeouts);
      // Held past every timeout, then released (unpersist, shuffle clean-up): Spark and the model
      // both remove such an executor under its idle timeout.
      return { id: x.executorId, idle, reason: c === "held-then-released" ? "idle-timeout" : c, held: c === "held-then-released" };
    });
  const sim = r.baseline.result.events
    .flatMap((e) => (e.type === "executorRemoved" && e.reason !== "application-end" ? [e] : []))
    .map((e) => {
      const idle = e.timeMs - (e.idleSinceMs ?? e.timeMs);
      return { id: e.executorId, idle, reason: e.reason, held: classifyIdle(idle, timeouts, SIM_TOLERANCE_MS) === "held-then-released" };
    });
  // Executor by executor within each reason, in order of idle time.
  const pairs: RemovalPair[] = [];
  for (const reason of ["idle-timeout", "cached-idle-timeout", "shuffle-idle-timeout"] as const) {
    const rs = real.filter((x) => x.reason === reason).sort((x, y) => x.idle - y.idle);
    const ss = sim.filter((x) => x.reason === reason).sort((x, y) => x.idle - y.idle);
    for (let i = 0; i < Math.min(rs.length, ss.length); i++) {
      const held = rs[i]!.held || ss[i]!.held;
      pairs.push({ realExecutorId: rs[i]!.id, simExecutorId: ss[i]!.id, realIdleMs: rs[i]!.idle, simIdleMs: ss[i]!.idle, reason, held });
    }
  }
  const realRemovals = real.length;
  const simRemoved = sim;
  return { run, modelError: r.modelError, realRemovals, simRemovals: simRemoved.length, pairs };
}

function pct(x: number | undefined): string {
  return x === undefined ? "n/a" : `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)} %`;
}

/** The README's fidelity table: one row per corpus run, in manifest order. */
export function fidelityTable(rows: readonly RunFidelity[]): string {
  const out = [
    "| run (scenario--version) | Spark | run time | executor-seconds | timeline error | peak (sim / real) | DRA removals (sim / real) | removal reasons matched |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const f of rows) {
    const m = f.modelError;
    const compared = Math.min(f.realRemovals, f.simRemovals);
    const name = f.run.log.replace(/^logs\//, "").replace(/\.zstd$/, "");
    out.push(
      `| ${name} | ${f.run.sparkVersion} | ${pct(m.runTimeMs.relative)} | ${pct(m.executorSeconds.relative)} | ${(m.timelineError * 100).toFixed(1)} % | ${m.peakExecutors.simulated} / ${m.peakExecutors.actual} | ${f.simRemovals} / ${f.realRemovals} | ${f.pairs.length} of ${compared} |`,
    );
  }
  return out.join("\n");
}
