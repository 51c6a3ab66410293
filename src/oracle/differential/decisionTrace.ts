import { ListenerTraceRecorder, type AllocationDecision, type ListenerTraceEvent } from "../../../sim/spark/ListenerTraceRecorder.js";
import { simulate } from "../../../sim/spark/SparkApplication.js";
import type { Scenario } from "../../../sim/scenario/Scenario.js";
import { resolveConf } from "../../run/runScenario.js";

/** What the differential test hands Spark's classes (`conf`, `events`) and what our engine decided. */
export interface DecisionTrace {
  /** The Spark version the engine modelled (the scenario's `sparkVersion`). */
  readonly sparkVersion: string;
  /** The scenario's own conf keys, as Spark would read them. */
  readonly conf: Readonly<Record<string, string>>;
  readonly events: readonly ListenerTraceEvent[];
  readonly decisions: readonly AllocationDecision[];
}

/**
 * Runs a scenario with the listener trace on: the events our engine posted to its allocation
 * listener and monitor (with its evaluated ticks and the application end), and our decisions.
 */
export function recordDecisionTrace(scenario: Scenario): DecisionTrace {
  const { conf } = resolveConf(scenario);
  if (!conf.dynamicAllocationEnabled) throw new Error("the differential test needs dynamic allocation (spark.dynamicAllocation.enabled=true)");
  const recorder = new ListenerTraceRecorder();
  simulate(scenario, conf, { listenerTrace: recorder });
  return { sparkVersion: scenario.sparkVersion, conf: scenario.conf, events: recorder.events, decisions: recorder.decisions };
}
