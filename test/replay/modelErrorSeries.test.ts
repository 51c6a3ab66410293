/**
 * The replay computes its model error from the simulated executor count without the timeline
 * rows that leave it unchanged (a twentieth of the rows on a large log): the figures must be
 * exactly those of the full series.
 */
import { expect, it } from "vitest";
import { modelError, observedSeries, replayEventLog, simulatedSeries, type StepSeries } from "../../src/replay/index.js";
import { describeShared, sharedLog } from "../helpers/sharedEventLogs.js";

function seconds(s: StepSeries): number {
  let ms = 0;
  for (let i = 0; i < s.points.length; i++) ms += s.points[i]!.value * Math.max(0, (s.points[i + 1]?.timeMs ?? s.endMs) - s.points[i]!.timeMs);
  return ms / 1000;
}

describeShared("model error from the count's changes only", () => {
  it.each(["spark-rapids-tools/join_agg_on_yarn_eventlog", "sparklint/application_1472176676028_407508_1", "apache-spark/application_1628109047826_1317105"])(
    "%s: the same figures as from every timeline row",
    async (log) => {
      const r = await replayEventLog(sharedLog(log));
      const full = simulatedSeries(r.baseline);
      const fromEveryRow = modelError({
        hadExecutors: r.observed.hadExecutors,
        localMode: r.notes.localMode,
        actual: observedSeries(r.observed),
        actualExecutorSeconds: r.observed.executorSeconds,
        actualPeakExecutors: r.observed.peakExecutors,
        simulated: full,
        simulatedExecutorSeconds: seconds(full),
        simulatedPeakExecutors: r.baseline.summary.peakExecutors,
      });
      expect(r.modelError.kind).toBe("compared");
      expect(r.modelError).toStrictEqual(fromEveryRow);
      // The rows left out are most of them: what made the series worth compacting.
      const changes = full.points.filter((p, i) => i === 0 || p.value !== full.points[i - 1]!.value).length;
      expect(changes).toBeLessThan(full.points.length / 2);
    },
  );
});
