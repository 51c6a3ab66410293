import { stringify } from "yaml";
import type { Scenario } from "../../sim/index.js";
import type { Violation } from "./Violation.js";

/**
 * A failing case as a scenario file `dra-sim run` (and `dra-sim check`) accepts, with the
 * violations as a comment header, so a shrunk counterexample can be replayed and looked at.
 */
export function formatCounterexample(scenario: Scenario, violations: readonly Violation[]): string {
  const header = [
    "# Counterexample found by a property test. Replay it with:",
    "#   dra-sim check <this file>      (or: dra-sim run <this file> --events events.jsonl)",
    ...violations.map((v) => `# rule ${v.rule}${v.timeMs === undefined ? "" : ` at ${v.timeMs} ms`}${v.executorId === undefined ? "" : ` (executor ${v.executorId})`}: ${v.message}`),
  ];
  const body = stringify(
    {
      name: scenario.name,
      seed: scenario.seed,
      sparkVersion: scenario.sparkVersion,
      conf: scenario.conf,
      cluster: scenario.cluster,
      workload: scenario.workload,
    },
    { flowCollectionPadding: false, lineWidth: 0 },
  );
  return `${header.join("\n")}\n${body}`;
}
