/**
 * The run's events kept as rows until read (`EventLog`): what it builds must be, field for field
 * and in the same key order, the object the recording code wrote before it (JSON compared as
 * text, so the events log's bytes are the same), for every kind, ids that are numbers and ids
 * that are not, the default profile and others; one at a time (`forEach`, what a summary reads)
 * as well as all at once.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventLog, forEachEvent, idNumber, iterateEvents } from "../../../sim/result/EventLog.js";
import { eventLines } from "../../../src/report/eventsJsonl.js";
import { formatSummary, withoutWarnings } from "../../../src/report/formatSummary.js";
import { REMOVAL_REASONS, type ExecutorRemovalReason } from "../../../sim/result/ExecutorRemovalReason.js";
import type { SimEvent, TargetChangeCause } from "../../../sim/result/SimEvent.js";
import { summarize, type SimulationResult } from "../../../sim/index.js";
import { loadScenarioFile } from "../../../src/scenario/index.js";
import { draConf, job, run, scenario, stage } from "../../helpers/builders.js";

/** One call on the log, with the object the recording code built for it before the log. */
type Op = { readonly apply: (log: EventLog) => void; readonly expected: SimEvent };

const id = fc.oneof(fc.nat(2_000_000_000).map(String), fc.constantFrom("0", "01", "", "exec-1", "1a", "-1", "1.5", " 7", "1234567890", "999999999"));
const time = fc.nat(3_000_000_000);
const rp = fc.constantFrom(0, 0, 0, 1, 3);
const maybeTime = fc.option(fc.nat(3_000_000_000), { nil: undefined });

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.tuple(id, time, rp).map(([executorId, timeMs, rpId]): Op => ({
    apply: (log: EventLog) => log.executorRequested(executorId, timeMs, rpId),
    expected: rpId === 0 ? { timeMs, type: "executorRequested", executorId } : { timeMs, type: "executorRequested", executorId, resourceProfileId: rpId },
  })),
  fc.tuple(id, time).map(([executorId, timeMs]): Op => ({
    apply: (log: EventLog) => log.executorRequestCancelled(executorId, timeMs),
    expected: { timeMs, type: "executorRequestCancelled", executorId },
  })),
  fc.tuple(id, time, rp).map(([executorId, timeMs, rpId]): Op => ({
    apply: (log: EventLog) => log.executorAdded(executorId, timeMs, rpId),
    expected: rpId === 0 ? { timeMs, type: "executorAdded", executorId } : { timeMs, type: "executorAdded", executorId, resourceProfileId: rpId },
  })),
  fc.tuple(id, time, fc.constantFrom(...REMOVAL_REASONS), maybeTime, maybeTime).map(([executorId, timeMs, reason, idle, killed]): Op => {
    const e: Record<string, unknown> = { timeMs, type: "executorRemoved", executorId, reason };
    if (idle !== undefined) e.idleSinceMs = idle;
    if (killed !== undefined) e.killedAtMs = killed;
    return { apply: (log: EventLog) => log.executorRemoved(executorId, timeMs, reason as ExecutorRemovalReason, idle ?? NaN, killed ?? NaN), expected: e as SimEvent };
  }),
  fc.tuple(time, fc.nat(100_000), fc.nat(100_000), fc.constantFrom<TargetChangeCause>("initial", "backlog", "demand-fell"), rp).map(([timeMs, target, previous, cause, rpId]): Op => ({
    apply: (log: EventLog) => log.targetChanged(timeMs, target, previous, cause, rpId),
    expected: rpId === 0 ? { timeMs, type: "targetChanged", target, previous, cause } : { timeMs, type: "targetChanged", target, previous, cause, resourceProfileId: rpId },
  })),
  fc.tuple(time, fc.nat(50), fc.nat(5)).map(([timeMs, stageId, attempt]): Op => {
    const e: SimEvent = { timeMs, type: "stageCompleted", stageId, attempt };
    return { apply: (log: EventLog) => log.record(e), expected: e };
  }),
);

const text = (events: readonly SimEvent[]): string[] => events.map((e) => `${Object.keys(e).join(",")} ${JSON.stringify(e)}`);

describe("EventLog", () => {
  it("builds each event as the recording code wrote it, in order: fields, values and key order (past a page's end too)", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 700 }), (ops) => {
        const log = new EventLog();
        for (const o of ops) o.apply(log);
        const expected = text(ops.map((o) => o.expected));
        expect(log.length).toBe(ops.length);
        const oneByOne: SimEvent[] = [];
        log.forEach((e) => oneByOne.push(e));
        expect(text(oneByOne)).toEqual(expected);
        expect(text([...log.iterate()])).toEqual(expected);
        // An iteration under way when the array is built goes on with the same events.
        const pulled = log.iterate();
        const firstHalf: SimEvent[] = [];
        for (let i = 0; i < ops.length >> 1; i++) firstHalf.push(pulled.next().value as SimEvent);
        const built = log.events();
        expect(text([...firstHalf, ...pulled])).toEqual(expected);
        expect(text([...log.iterate()])).toEqual(expected);
        expect(text(built)).toEqual(expected);
        // Built once: the same array again, and what forEach hands out afterwards.
        expect(log.events()).toBe(built);
        const after: SimEvent[] = [];
        log.forEach((e) => after.push(e));
        expect(after).toEqual(built);
      }),
      { numRuns: 200 },
    );
  });

  it("builds the same across pages of every size (the 4,096-row pages from row 3,840 on)", () => {
    const ops = fc.sample(op, { numRuns: 9_000, seed: 14 });
    const log = new EventLog();
    for (const o of ops) o.apply(log);
    const oneByOne: SimEvent[] = [];
    log.forEach((e) => oneByOne.push(e));
    const expected = text(ops.map((o) => o.expected));
    expect(text(oneByOne)).toEqual(expected);
    expect(text(log.events())).toEqual(expected);
  });

  it("goes on with the same events when the array is built from inside forEach (as iterate does)", () => {
    const ops = fc.sample(op, { numRuns: 600, seed: 7 });
    const log = new EventLog();
    for (const o of ops) o.apply(log);
    const handed: SimEvent[] = [];
    log.forEach((e) => {
      if (handed.push(e) === 10) log.events();
    });
    expect(text(handed)).toEqual(text(ops.map((o) => o.expected)));
  });

  it("refuses an event recorded once the events were built (it would be lost), and a reason or cause it has no code for", () => {
    const log = new EventLog();
    log.executorAdded("1", 5, 0);
    expect(log.events()).toHaveLength(1);
    expect(() => log.executorAdded("2", 6, 0)).toThrow(/after the run's events were built/);
    expect(() => log.record({ timeMs: 7, type: "applicationStart" })).toThrow(/after the run's events were built/);
    const fresh = new EventLog();
    expect(() => fresh.executorRemoved("1", 5, "evicted" as ExecutorRemovalReason, NaN, NaN)).toThrow(/evicted is not one of idle-timeout/);
    expect(() => fresh.targetChanged(5, 2, 1, "whim" as TargetChangeCause, 0)).toThrow(/whim is not one of initial, backlog, demand-fell/);
    expect(fresh.length).toBe(0);
  });

  it("reads an id as a number only when it is String(n) of an integer up to 999,999,999", () => {
    fc.assert(fc.property(fc.nat(999_999_999), (n) => idNumber(String(n)) === n));
    for (const s of ["", "01", "00", "-1", "1.5", "1e3", " 1", "1 ", "a", "1234567890", "0x1"]) expect(idNumber(s), s).toBe(-1);
    expect(idNumber("0")).toBe(0);
  });
});

describe("a run's events", () => {
  const s = scenario({
    conf: draConf({ "spark.dynamicAllocation.maxExecutors": "6", "spark.dynamicAllocation.executorIdleTimeout": "2s" }),
    jobs: [job([stage(0, 40, 3_000)]), job([stage(1, 12, 1_000)], { afterPreviousMs: 30_000 })],
  });

  it("are one array, read as often as asked, and forEachEvent hands out the same events whether or not it was read", () => {
    const unread = run(s);
    const oneByOne: SimEvent[] = [];
    forEachEvent(unread, (e) => oneByOne.push(e));
    const read = run(s);
    const events = read.events;
    expect(read.events).toBe(events);
    expect(text(oneByOne)).toEqual(text(events));
    expect(events.some((e) => e.type === "executorRemoved")).toBe(true);
    // A copy of a result (no log of its own) is read through its events.
    const copied: SimEvent[] = [];
    forEachEvent({ ...read }, (e) => copied.push(e));
    expect(copied).toEqual(events);
  });

  it("summarise the same whether the events were read first or not", () => {
    const notRead = summarize(run(s));
    const r = run(s);
    void r.events;
    expect(notRead).toEqual(summarize(r));
    expect(notRead.executorsRemoved).toBeGreaterThan(0);
  });

  it("are written as --events lines and summarised as text without the array being built (the events getter is never called)", () => {
    const expected = run(s).events.map((e) => JSON.stringify(e) + "\n");
    const r = run(s);
    Object.defineProperty(r, "events", { get: () => expect.fail("result.events was read") });
    expect([...iterateEvents(r)].map((e) => JSON.stringify(e) + "\n")).toEqual(expected);
    expect([...eventLines(r)]).toEqual(expected);
    expect(formatSummary(summarize(r), withoutWarnings(r))).toContain("peak executors");
  });
});

describe("a summary", () => {
  /** `result`, whose `events` may not be read: a summary must go through the run's rows. */
  const unreadable = (result: SimulationResult): SimulationResult =>
    Object.defineProperty(result, "events", {
      get() {
        throw new Error("events read");
      },
    });

  it.each([
    ["decommissioning (spot notices)", "scenarios/seed-trip-count-spot-decommission.yaml"],
    ["resource profiles", "scenarios/gpu-stage-resource-profile.yaml"],
  ])("of a run with %s reads its events one at a time, never as the array, and sums the same", async (_, file) => {
    const { scenario: sc } = await loadScenarioFile(file, process.cwd());
    const expected = summarize(run(sc));
    expect(summarize(unreadable(run(sc)))).toEqual(expected);
    expect(expected.decommission?.executorsDecommissioned ?? expected.executorsAdded).toBeGreaterThan(0);
  });
});
