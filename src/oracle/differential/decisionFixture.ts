import { createHash } from "node:crypto";
import type { AllocationDecision } from "../../../sim/spark/ListenerTraceRecorder.js";
import type { Scenario } from "../../../sim/scenario/Scenario.js";
import type { DecisionTrace } from "./decisionTrace.js";

/**
 * A committed ground truth for the differential test (test/fixtures/oracle-differential/):
 * a scenario, and per Spark version the decisions Spark's own ExecutorAllocationManager made
 * on our engine's listener trace of it (with that trace's hash, so a test can tell a changed
 * trace from a changed decision). Written by `node oracle/differential/fixtures.mjs` (needs Java).
 */
export interface DecisionFixture {
  readonly description: string;
  readonly scenario: Scenario;
  readonly spark: Readonly<Record<string, { readonly eventsSha256: string; readonly decisions: readonly AllocationDecision[] }>>;
  readonly recordedWith: string;
}

/** The hash of a trace's events (what Spark's classes were fed). */
export function eventsSha256(trace: Pick<DecisionTrace, "events">): string {
  return createHash("sha256").update(JSON.stringify(trace.events)).digest("hex");
}
