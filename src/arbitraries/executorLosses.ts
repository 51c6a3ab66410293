import fc from "fast-check";
import { EXECUTOR_LOSS_CAUSES, type ExecutorLossSpec } from "../../sim/index.js";

/**
 * Executor losses in every scenario form (`cluster.executorLosses`): an id at a time, an id
 * after it registered, a count at a time, a seeded rate per executor-hour; either cause; with
 * or without a notice window.
 * Times fall within the first minutes, where the generated workloads run.
 */
export function executorLosses(): fc.Arbitrary<ExecutorLossSpec[]> {
  const cause = fc.constantFrom(...EXECUTOR_LOSS_CAUSES);
  const id = fc.integer({ min: 1, max: 12 }).map(String);
  const loss: fc.Arbitrary<ExecutorLossSpec> = fc.oneof(
    fc.record({ atMs: fc.integer({ min: 0, max: 400_000 }), executorId: id, cause }),
    fc.record({ afterAddedMs: fc.integer({ min: 0, max: 120_000 }), executorId: id, cause }),
    fc.record({ atMs: fc.integer({ min: 0, max: 400_000 }), count: fc.integer({ min: 1, max: 4 }), cause }),
    fc
      .record({ ratePerExecutorHour: fc.double({ min: 0.5, max: 30, noNaN: true }), untilMs: fc.option(fc.integer({ min: 1, max: 600_000 }), { nil: undefined }), cause })
      .map(({ untilMs, ...rest }) => (untilMs === undefined ? rest : { ...rest, untilMs })),
  );
  // Half with a notice (a spot interruption's warning), which decommissions when decommissioning is on.
  const noticed = fc
    .tuple(loss, fc.option(fc.integer({ min: 1, max: 150_000 }), { nil: undefined }))
    .map(([l, noticeMs]): ExecutorLossSpec => (noticeMs === undefined ? l : { ...l, noticeMs }));
  return fc.array(noticed, { minLength: 1, maxLength: 3 });
}
