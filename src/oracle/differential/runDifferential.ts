import { stringify } from "yaml";
import type { AllocationDecision } from "../../../sim/spark/ListenerTraceRecorder.js";
import type { Scenario } from "../../../sim/scenario/Scenario.js";
import { divergenceKind, firstDivergence, formatDecision, formatSideBySide, type Divergence } from "./compareDecisions.js";
import { recordDecisionTrace, type DecisionTrace } from "./decisionTrace.js";
import { SparkDecisionsProcess } from "./SparkDecisionsProcess.js";

/**
 * Where the scenarios come from: `oracle/differential/run.mjs` draws them with the project's
 * fast-check arbitraries (fast-check stays out of src/ outside src/arbitraries).
 */
export interface ScenarioSource {
  /** `runs` scenarios for `version` (dynamic allocation on), the same ones for the same seed. */
  sample(version: string, runs: number, seed: number): readonly Scenario[];
  /** The smallest scenario for `version` where `agrees` is false, searched from the same seed (fast-check's shrinking); undefined when none. */
  shrink(version: string, runs: number, seed: number, agrees: (s: Scenario) => Promise<boolean>): Promise<Scenario | undefined>;
}

export interface DifferentialOptions {
  readonly source: ScenarioSource;
  /** Spark versions with a compiled SparkDecisions (oracle/differential/build.sh). */
  readonly versions: readonly string[];
  /** Generated scenarios per version. */
  readonly runs: number;
  readonly seed: number;
  /** Shrink the first divergence of each version to its smallest scenario (default true). */
  readonly shrink?: boolean;
  readonly log: (line: string) => void;
}

export interface VersionOutcome {
  readonly version: string;
  readonly scenarios: number;
  /** Scenarios our engine could not run (model limits): not compared. */
  readonly notRun: number;
  readonly divergences: number;
  /** Divergences by kind (`divergenceKind`). */
  readonly kinds: Readonly<Record<string, number>>;
  readonly decisionsCompared: number;
  /** The shrunk scenario of the first divergence, as a scenario file, with both decision lists. */
  readonly counterexample?: { readonly scenarioYaml: string; readonly sideBySide: string };
}

interface Compared {
  readonly trace: DecisionTrace;
  readonly spark: readonly AllocationDecision[];
  readonly divergence: Divergence | undefined;
}

async function compare(proc: SparkDecisionsProcess, s: Scenario): Promise<Compared> {
  const trace = recordDecisionTrace(s);
  const spark = await proc.decide(trace);
  return { trace, spark, divergence: firstDivergence(trace.decisions, spark) };
}

/**
 * `npm run oracle`: per version, `runs` generated scenarios through our engine and Spark's
 * ExecutorAllocationManager, decision by decision; the first divergence shrunk by fast-check.
 */
export async function runDifferential(options: DifferentialOptions): Promise<VersionOutcome[]> {
  const outcomes: VersionOutcome[] = [];
  for (const version of options.versions) {
    const proc = new SparkDecisionsProcess(version);
    try {
      const kinds: Record<string, number> = {};
      let divergences = 0;
      let notRun = 0;
      let decisionsCompared = 0;
      const samples = options.source.sample(version, options.runs, options.seed);
      for (const [i, s] of samples.entries()) {
        let c: Compared;
        try {
          c = await compare(proc, s);
        } catch (e) {
          if (e instanceof Error && e.name === "SimulationError") {
            notRun++;
            continue;
          }
          throw e;
        }
        decisionsCompared += c.trace.decisions.length;
        if (c.divergence !== undefined) {
          divergences++;
          const k = divergenceKind(c.divergence);
          kinds[k] = (kinds[k] ?? 0) + 1;
        }
        if ((i + 1) % 100 === 0) options.log(`  Spark ${version}: ${i + 1}/${samples.length} scenarios, ${divergences} divergences so far`);
      }
      let counterexample: VersionOutcome["counterexample"];
      if (divergences > 0 && options.shrink !== false) counterexample = await shrinkFirst(proc, version, options);
      outcomes.push({ version, scenarios: samples.length, notRun, divergences, kinds, decisionsCompared, ...(counterexample === undefined ? {} : { counterexample }) });
    } finally {
      await proc.close();
    }
  }
  return outcomes;
}

/** The first divergence, shrunk to the smallest scenario by the source. */
async function shrinkFirst(proc: SparkDecisionsProcess, version: string, options: DifferentialOptions): Promise<VersionOutcome["counterexample"]> {
  const agrees = async (s: Scenario): Promise<boolean> => {
    try {
      return (await compare(proc, s)).divergence === undefined;
    } catch (e) {
      if (e instanceof Error && e.name === "SimulationError") return true;
      throw e;
    }
  };
  const s = await options.source.shrink(version, options.runs, options.seed, agrees);
  if (s === undefined) return undefined;
  const c = await compare(proc, s);
  if (c.divergence === undefined) return undefined;
  return { scenarioYaml: formatDivergentScenario(s, version, c.divergence), sideBySide: formatSideBySide(c.trace.decisions, c.spark, c.divergence) };
}

/** A divergent case as a scenario file `dra-sim run` accepts, the divergence in a comment header. */
export function formatDivergentScenario(s: Scenario, version: string, d: Divergence): string {
  const header = [
    `# Our allocation decisions diverge from Spark ${version}'s ExecutorAllocationManager on this scenario (npm run oracle).`,
    `# Decision #${d.index}: ours ${formatDecision(d.ours)}; Spark ${formatDecision(d.spark)}.`,
    "# Look at ours with: dra-sim run <this file> --events events.jsonl",
  ];
  const body = stringify(
    { name: s.name, seed: s.seed, sparkVersion: s.sparkVersion, conf: s.conf, cluster: s.cluster, workload: s.workload },
    { flowCollectionPadding: false, lineWidth: 0 },
  );
  return `${header.join("\n")}\n${body}`;
}

/** The per-version lines `npm run oracle` prints last. */
export function formatOutcomes(outcomes: readonly VersionOutcome[]): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    const kinds = Object.entries(o.kinds)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, n]) => `${k}: ${n}`)
      .join(", ");
    lines.push(
      `Spark ${o.version}: ${o.scenarios} scenarios run, ${o.divergences} divergences${kinds === "" ? "" : ` (${kinds})`}, ${o.decisionsCompared} of our decisions compared${o.notRun > 0 ? `, ${o.notRun} not run (model limits)` : ""}`,
    );
  }
  return lines.join("\n");
}
