import { Document, isScalar, isSeq, visit } from "yaml";
import type { Scenario } from "../../sim/index.js";
import { type EventLogReadReport, describeCompleteness } from "../eventlog/index.js";
import type { ExtractionNotes } from "./ExtractionNotes.js";
import { formatExtractionNotes, formatLogWarnings } from "./formatReplay.js";
import { plainLists } from "../scenario/plainJson.js";

/** Sequences written in flow style (`[1, 2, 3]`), one line each, however long. */
const FLOW_KEYS = new Set(["taskDurationMs", "parents", "executorStartupMs"]);

/**
 * An extracted workload as a scenario file `dra-sim run` reads: the log's completeness and
 * warnings (when its read report is given) and the extraction notes as a comment header,
 * then the scenario. Per-task duration lists are flow sequences on one line
 * each, so a stage of thousands of tasks stays one line instead of thousands. Pure.
 */
/** What the import says about the workload: where it came from, the log's state, the notes. */
function headerLines(notes: ExtractionNotes, eventLog: string, report?: EventLogReadReport): string[] {
  return [
    `Workload of "${notes.appName}" extracted from the Spark event log`,
    `${eventLog}`,
    "by `dra-sim import`. Its conf is the logged Spark Properties; run it with",
    "`dra-sim run <this file>` and try changes with --conf key=value.",
    // The log's state and every warning the reader kept: what the workload may be missing.
    ...(report === undefined ? [] : [`log ${describeCompleteness(report)}`, ...formatLogWarnings(report, Infinity, " (not kept)")]),
    ...formatExtractionNotes(notes),
  ];
}

/** The same scenario as JSON, the header in `description` (JSON has no comments). */
export function scenarioJson(scenario: Scenario, notes: ExtractionNotes, eventLog: string, report?: EventLogReadReport): string {
  return JSON.stringify({ description: headerLines(notes, eventLog, report).join("\n"), ...scenario }, plainLists, 2) + "\n";
}

export function scenarioYaml(scenario: Scenario, notes: ExtractionNotes, eventLog: string, report?: EventLogReadReport): string {
  // No anchors and aliases for the input-host lists tasks share (one per executor): each task gets its own list in the file.
  const doc = new Document(scenario, plainLists, { aliasDuplicateObjects: false });
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === "string" && FLOW_KEYS.has(pair.key.value) && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  doc.commentBefore = headerLines(notes, eventLog, report)
    .map((line) => ` ${line}`)
    .join("\n");
  // lineWidth 0: no folding, so flow lists and long property values stay on one line.
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
