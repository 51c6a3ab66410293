/** Reads one event log and observes its executors in a single streaming pass. */
import type { EventLogReadReport } from "./EventLogReadReport.js";
import { ExecutorObserver, type ObservedExecutors } from "./observeExecutors.js";
import { type ReadSparkEventsOptions, readSparkEvents } from "./readSparkEvents.js";

export async function observeEventLog(
  path: string,
  options: ReadSparkEventsOptions = {},
): Promise<{ readonly observed: ObservedExecutors; readonly report: EventLogReadReport }> {
  const reader = readSparkEvents(path, options);
  const observer = new ExecutorObserver();
  for await (const event of reader) observer.add(event);
  return { observed: observer.result(), report: reader.report };
}
