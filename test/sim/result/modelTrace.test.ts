import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../../src/scenario/index.js";
import { runScenario } from "../../../src/run/runScenario.js";
import { COL } from "../../../sim/result/Timeline.js";
import type { ExecutorStateRecord } from "../../../sim/result/ModelTrace.js";

const ROOT = join(import.meta.dirname, "../../..");
const files = readdirSync(join(ROOT, "scenarios")).filter((f) => f.endsWith(".yaml"));

describe("the model trace (recordTrace)", () => {
  for (const file of files) {
    it(`${file}: changes nothing else, and its executor states add up to the timeline's counts at every row`, async () => {
      const { scenario } = await loadScenarioFile(join(ROOT, "scenarios", file), ROOT);
      const plain = runScenario(scenario).result;
      const traced = runScenario(scenario, {}, { recordTrace: true }).result;
      expect(traced.events).toEqual(plain.events);
      expect([...traced.timeline.rowsIter()]).toEqual([...plain.timeline.rowsIter()]);
      expect(plain.trace).toBeUndefined();

      const states = traced.trace!.executorStates;
      const removed = new Map<string, number>();
      for (const e of traced.events) if (e.type === "executorRemoved") removed.set(e.executorId, e.timeMs);
      // The timeline counts decommissioning executors with the stopping ones; the monitor stops
      // counting as idle-pinned only those the allocation manager decommissioned.
      const decommissioned = new Map<string, { timeMs: number; byNotice: boolean }>();
      for (const e of traced.events) if (e.type === "executorDecommissioned") decommissioned.set(e.executorId, { timeMs: e.timeMs, byNotice: e.trigger === "notice" });
      const decommissioningAt = (id: string, t: number): boolean => (decommissioned.get(id)?.timeMs ?? Infinity) <= t;
      // Replay the records row by row: the state in force for each live executor.
      const current = new Map<string, ExecutorStateRecord>();
      let k = 0;
      for (let i = 0; i < traced.timeline.length; i++) {
        const t = traced.timeline.get(i, COL.time_ms);
        while (k < states.length && states[k]!.timeMs <= t) {
          current.set(states[k]!.executorId, states[k]!);
          k++;
        }
        const tracked = [...current.values()].filter((s) => (removed.get(s.executorId) ?? Infinity) > t);
        const live = tracked.filter((s) => !decommissioningAt(s.executorId, t));
        expect(live.length, `running at ${t}`).toBe(traced.timeline.get(i, COL.running_executors));
        expect(live.filter((s) => s.state === "busy").length, `busy at ${t}`).toBe(traced.timeline.get(i, COL.busy_executors));
        const pinnable = tracked.filter((s) => !decommissioningAt(s.executorId, t) || decommissioned.get(s.executorId)!.byNotice);
        const idleWithShuffle = pinnable.filter((s) => s.state !== "busy" && s.shuffleIds.length > 0).length;
        expect(idleWithShuffle, `pinned by shuffle at ${t}`).toBe(traced.timeline.get(i, COL.pinned_shuffle_executors));
        const idleWithCache = pinnable.filter((s) => s.state !== "busy" && s.cachedBlocks > 0).length;
        expect(idleWithCache, `pinned by cache at ${t}`).toBe(traced.timeline.get(i, COL.pinned_cache_executors));
      }
      // Each target decision is a targetChanged event at the same instant with the same values.
      const changes = traced.events.filter((e) => e.type === "targetChanged");
      expect(traced.trace!.targetDecisions.map((d) => [d.timeMs, d.target, d.previous, d.cause])).toEqual(changes.map((e) => [e.timeMs, e.target, e.previous, e.cause]));
    });
  }
});
