import type { Scenario } from "../../sim/index.js";
import { checkLogSanity } from "./logSanity.js";
import {
  type EventLogReadReport,
  type ObservedExecutors,
  type ReadSparkEventsOptions,
  type SparkEvent,
  ExecutorObserver,
  describeCompleteness,
  listWarnings,
  readSparkEvents,
} from "../eventlog/index.js";
import { formatScenarioIssues } from "../scenario/ScenarioError.js";
import { validateScenario } from "../scenario/validateScenario.js";
import { type ExtractOptions, buildScenario } from "./buildScenario.js";
import { ClusterEvidence } from "./ClusterEvidence.js";
import type { ExtractionNotes } from "./ExtractionNotes.js";
import { ReplayError } from "./ReplayError.js";
import { WorkloadCollector } from "./WorkloadCollector.js";

export type { ExtractOptions } from "./buildScenario.js";

/** Calls `extractWorkload` makes as it reads (the CLI bounds V8's heap there; nothing is read from them). */
export interface ReadingHooks {
  /** After each batch of the log's events is taken in. */
  readonly afterBatch?: () => void;
  /** Once the log is read, before the scenario is built from what was kept of it. */
  readonly afterReading?: () => void;
}

export interface ExtractedWorkload {
  /** The logged workload as a scenario (not yet validated by `src/scenario`). */
  readonly scenario: Scenario;
  readonly notes: ExtractionNotes;
  /** What the executors really did, for comparison with simulations. */
  readonly observed: ObservedExecutors;
}

/** The error of a call to a finished `WorkloadExtractor` (a caller's mistake). */
const FINISHED = (call: "add" | "finish") =>
  `WorkloadExtractor.${call} called after finish: an extractor takes one log and is finished once; create a new one for another log`;

/** What extraction keeps while the log is read. */
interface ExtractionState {
  readonly collector: WorkloadCollector;
  readonly observer: ExecutorObserver;
  readonly evidence: ClusterEvidence;
}

/**
 * Feed typed events in log order, then `finish`, once: an extractor takes one log, and lets go
 * of what it kept when it finishes, so a second `finish` or an `add` after it throws (create a
 * new extractor for another log). Extraction and executor observation share the one pass, so a
 * log is read once whatever its size.
 */
export class WorkloadExtractor {
  /** Let go once the scenario is built, so the scenario check does not run on top of it. */
  private state: ExtractionState | undefined = { collector: new WorkloadCollector(), observer: new ExecutorObserver(), evidence: new ClusterEvidence() };

  add(event: SparkEvent): void {
    const s = this.state;
    if (s === undefined) throw new Error(FINISHED("add"));
    // The observer computes each event's time once; the collector shares its running maximum.
    s.observer.add(event);
    s.collector.add(event, s.observer.latestEpochMs);
    s.evidence.add(event);
  }

  /**
   * Builds the scenario and checks it with the scenario validator, as a scenario file is
   * checked: a log whose values no scenario may hold is a `ReplayError`.
   * Throws `ReplayError` when the log ran no stage at all (`source` names it in the message).
   */
  finish(options: ExtractOptions = {}, source = "the event log"): ExtractedWorkload {
    const { scenario, notes, observed, sanity } = this.build(options, source);
    if (scenario.workload.jobs.length === 0) {
      const started = notes.counts.jobsWithoutStages;
      throw new ReplayError(source, `${source} has no job that ran a stage (${started} job${started === 1 ? "" : "s"} started): there is no workload to replay`);
    }
    const checked = validateScenario(scenario, "extracted workload");
    // Values no scenario may hold (times past 2^53 ms, chains past the limits) come from a
    // corrupt or hand-made log: refuse it, so that import never writes what run refuses.
    if (!checked.ok) {
      throw new ReplayError(source, `${source}: its workload cannot be simulated: the log holds values outside what a scenario may hold (a corrupt or edited log?): ${formatScenarioIssues("the extracted workload", checked.issues)}`);
    }
    const messages = [...sanity, ...notes.messages, ...checked.warnings.map((w) => `scenario check: ${w}`)];
    return { scenario: checked.scenario, notes: { ...notes, messages }, observed };
  }

  /** The scenario built from what was kept, which is let go (in a frame of its own, which ends). */
  private build(options: ExtractOptions, source: string) {
    const s = this.state;
    if (s === undefined) throw new Error(FINISHED("finish"));
    this.state = undefined;
    const observed = s.observer.result();
    const sanity = checkLogSanity(s.collector, observed, source);
    return { ...buildScenario(s.collector, observed, options, s.evidence), observed, sanity };
  }
}

/** Extracts the workload of built events (tests, or events already in memory). */
export function extractWorkloadFromEvents(events: Iterable<SparkEvent>, options: ExtractOptions = {}): ExtractedWorkload {
  const extractor = new WorkloadExtractor();
  for (const e of events) extractor.add(e);
  return extractor.finish(options);
}

/**
 * Reads an event log once (streaming; any container or codec `readSparkEvents` reads) and
 * extracts its workload. Throws `EventLogError` for a log that cannot be read.
 */
export async function extractWorkload(
  path: string,
  options: ExtractOptions & ReadingHooks & { readonly read?: ReadSparkEventsOptions } = {},
): Promise<ExtractedWorkload & { readonly report: EventLogReadReport }> {
  const { read, afterBatch, afterReading, ...extractOptions } = options;
  // Task metrics are no part of the workload: their half of a TaskEnd line is not parsed.
  const reader = readSparkEvents(path, { ...read, fields: "workload" });
  const extractor = new WorkloadExtractor();
  for await (const batch of reader.batches()) {
    for (const event of batch) extractor.add(event);
    afterBatch?.();
  }
  afterReading?.();
  try {
    return { ...extractor.finish(extractOptions, path), report: reader.report };
  } catch (e) {
    // Events skipped with a warning (a corrupt JobStart, say) may be why no job is left.
    if (!(e instanceof ReplayError) || reader.report.warningCount === 0) throw e;
    const { shown, more } = listWarnings(reader.report, 3);
    const rest = more > 0 ? `; and ${more} more` : "";
    throw new ReplayError(path, `${e.message}. The log is ${describeCompleteness(reader.report)}. ${shown.join("; ")}${rest}`);
  }
}
