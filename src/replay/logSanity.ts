import type { ObservedExecutors } from "../eventlog/index.js";
import { ReplayError } from "./ReplayError.js";
import type { WorkloadCollector } from "./WorkloadCollector.js";

/**
 * Checks that an event log's times make sense before it is replayed. A log whose clock runs
 * backwards (its application ends before it starts, or runs 0 ms while executors came and
 * went) cannot be compared with a simulation: refused with what was found. Smaller problems
 * (tasks finishing before they launched, events out of order) are replayed and said, with
 * what was done about them: the returned lines join the extraction notes (report, import header).
 */
export function checkLogSanity(collector: WorkloadCollector, observed: ObservedExecutors, source: string): string[] {
  const found: string[] = [];
  if (observed.appEndEpochMs < observed.appStartEpochMs) {
    found.push(`its clock goes backwards: the application ends (${observed.appEndEpochMs}) before it starts (${observed.appStartEpochMs})`);
  } else if (observed.runTimeMs <= 0 && observed.executors.length > 0) {
    found.push(`it runs ${observed.runTimeMs} ms from start to end, yet ${observed.executors.length} executor(s) were added`);
  }
  if (found.length > 0) {
    throw new ReplayError(source, `${source}: the log's times cannot be replayed: ${found.join("; ")} (a corrupt, edited or reordered log?)`);
  }
  const notes: string[] = [];
  const n = collector.tasksFinishedBeforeLaunch;
  if (n > 0) notes.push(`log check: ${n} task${n === 1 ? "" : "s"} finish more than a second before they launch (a clock going backwards): their durations were taken as 0 ms, so the workload is shorter than logged`);
  const o = collector.eventsOutOfOrder;
  if (o > 0) notes.push(`log check: ${o} event${o === 1 ? " is" : "s are"} out of order (jobs, stages or tasks before ApplicationStart: a reordered or reversed log?): the workload was extracted as logged, and may be incomplete`);
  return notes;
}
