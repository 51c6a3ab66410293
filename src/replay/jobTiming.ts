/** A logged job's span, in ms from application start. */
export interface JobSpan {
  readonly startMs: number;
  readonly endMs: number;
}

export type JobSubmission = { readonly afterPreviousMs: number } | { readonly submitAtMs: number };

/**
 * When each job is submitted in the scenario (Sparklens-style: the driver's own time between
 * jobs is kept, not the jobs' logged start times, so a job that runs faster or slower under
 * another config moves every later job with it):
 * - job 0 follows the driver becoming ready by its logged distance from that moment;
 * - job i follows job i-1's end by the logged gap when it started after job i-1 ended;
 * - a job that started before job i-1 ended (concurrent jobs, e.g. from several threads)
 *   keeps its logged start time (`submitAtMs`), since it did not wait for job i-1.
 * With `loggedSubmitTimes`, every job keeps its logged start time.
 */
export function jobSubmissions(spans: readonly JobSpan[], driverReadyMs: number, loggedSubmitTimes: boolean): JobSubmission[] {
  return spans.map((span, i) => {
    const startMs = Math.max(0, Math.round(span.startMs));
    if (loggedSubmitTimes) return { submitAtMs: startMs };
    if (i === 0) return { afterPreviousMs: Math.max(0, startMs - Math.min(driverReadyMs, startMs)) };
    const previousEndMs = spans[i - 1]!.endMs;
    if (span.startMs >= previousEndMs) return { afterPreviousMs: Math.round(span.startMs - previousEndMs) };
    return { submitAtMs: startMs };
  });
}
