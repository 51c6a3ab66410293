/** The map output trackers against a plain model: per shuffle, the executor of each partition; the counting one against the listing one. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CountingMapOutputTracker } from "../../../sim/spark/CountingMapOutputTracker.js";
import { FALLBACK_STORAGE_ID, ListingMapOutputTracker, type MapOutputTracker } from "../../../sim/spark/MapOutputTracker.js";

/** The obvious implementation: a list of writes per executor, scanned on removal. */
class Reference {
  readonly locs = new Map<number, Array<string | undefined>>();
  private readonly written = new Map<string, number[]>();
  registerShuffle(id: number, n: number): void {
    if (!this.locs.has(id)) this.locs.set(id, new Array<string | undefined>(n).fill(undefined));
  }
  registerMapOutput(id: number, p: number, exec: string): void {
    const locs = this.locs.get(id);
    if (locs === undefined) return;
    locs[p] = exec;
    this.written.set(exec, [...(this.written.get(exec) ?? []), id, p]);
  }
  removeOutputsOnExecutor(exec: string): number[] {
    const w = this.written.get(exec) ?? [];
    this.written.delete(exec);
    const lost: number[] = [];
    for (let i = 0; i < w.length; i += 2) {
      const locs = this.locs.get(w[i]!);
      if (locs !== undefined && locs[w[i + 1]!] === exec) {
        locs[w[i + 1]!] = undefined;
        lost.push(w[i]!, w[i + 1]!);
      }
    }
    return lost;
  }
  missing(id: number): number[] {
    return (this.locs.get(id) ?? []).flatMap((e, p) => (e === undefined ? [p] : []));
  }
}

const op = fc.oneof(
  fc.record({ kind: fc.constant("write" as const), shuffle: fc.nat(3), partition: fc.oneof(fc.nat(3), fc.nat(49)), exec: fc.oneof(fc.nat(3), fc.nat(30)) }),
  fc.record({ kind: fc.constant("remove" as const), exec: fc.oneof(fc.nat(3), fc.nat(30)) }),
  fc.record({ kind: fc.constant("unregister" as const), shuffle: fc.nat(3) }),
  fc.record({ kind: fc.constant("register" as const), shuffle: fc.nat(3) }),
);

/** Executor numbers as the task scheduler gives them: a new one for each registration of an id. */
class Numbers {
  private next = 0;
  private readonly current = new Map<string, number>();
  of(id: string): number {
    let n = this.current.get(id);
    if (n === undefined) {
      n = this.next++;
      this.current.set(id, n);
    }
    return n;
  }
  removed(id: string): void {
    this.current.delete(id);
  }
}

describe("MapOutputTracker", () => {
  it("keeps the same locations, lost outputs (in write order) and availability as a list per executor", () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 300, maxLength: 3000 }), (ops) => {
        const t = new ListingMapOutputTracker();
        /** The same, removing without listing what was lost. */
        const quiet = new ListingMapOutputTracker();
        const ref = new Reference();
        const numbers = new Numbers();
        for (const id of [0, 1, 2, 3]) {
          t.registerShuffle(id, 50);
          quiet.registerShuffle(id, 50);
          ref.registerShuffle(id, 50);
        }
        for (const o of ops) {
          if (o.kind === "write") {
            t.registerMapOutput(o.shuffle, o.partition, String(o.exec), numbers.of(String(o.exec)));
            quiet.registerMapOutput(o.shuffle, o.partition, String(o.exec), numbers.of(String(o.exec)));
            ref.registerMapOutput(o.shuffle, o.partition, String(o.exec));
          } else if (o.kind === "remove") {
            expect(t.removeOutputsOnExecutor(String(o.exec))).toEqual(ref.removeOutputsOnExecutor(String(o.exec)));
            expect(quiet.removeOutputsOnExecutor(String(o.exec), false)).toEqual([]);
            numbers.removed(String(o.exec));
          } else if (o.kind === "unregister") {
            t.unregisterShuffle(o.shuffle);
            quiet.unregisterShuffle(o.shuffle);
            ref.locs.delete(o.shuffle);
          } else {
            t.registerShuffle(o.shuffle, 50);
            quiet.registerShuffle(o.shuffle, 50);
            ref.registerShuffle(o.shuffle, 50);
          }
        }
        for (const id of [0, 1, 2, 3]) {
          expect([...t.missingPartitions(id)]).toEqual(ref.missing(id));
          expect([...quiet.missingPartitions(id)]).toEqual(ref.missing(id));
          expect(t.isAvailable(id)).toBe(ref.locs.has(id) && ref.missing(id).length === 0);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("an output written twice by one executor is lost at its first place", () => {
    const t = new ListingMapOutputTracker();
    t.registerShuffle(0, 5);
    t.registerShuffle(1, 5);
    t.registerMapOutput(0, 1, "a", 0);
    t.registerMapOutput(1, 2, "a", 0);
    t.registerMapOutput(0, 1, "a", 0);
    expect(t.removeOutputsOnExecutor("a")).toEqual([0, 1, 1, 2]);
  });

  it("removing executors one by one leaves the others' outputs in place", () => {
    const t = new ListingMapOutputTracker();
    t.registerShuffle(7, 5000);
    // 40 executors write 100 outputs each; 39 go; the last one's outputs stay until it goes.
    for (let e = 0; e < 40; e++) for (let p = 0; p < 100; p++) t.registerMapOutput(7, e * 100 + p, String(e), e);
    for (let e = 0; e < 39; e++) expect(t.removeOutputsOnExecutor(String(e))).toHaveLength(200);
    expect(t.missingPartitions(7)).toHaveLength(5000 - 100);
    const lost = t.removeOutputsOnExecutor("39");
    expect(lost.filter((_, i) => i % 2 === 1)).toEqual(Array.from({ length: 100 }, (_, p) => 3900 + p));
    expect(t.missingPartitions(7)).toHaveLength(5000);
  });
});

const countingOp = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("write" as const), shuffle: fc.nat(3), partition: fc.nat(4), exec: fc.nat(12) }), weight: 12 },
  { arbitrary: fc.record({ kind: fc.constant("remove" as const), exec: fc.nat(12) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("unregister" as const), shuffle: fc.nat(3) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("register" as const), shuffle: fc.nat(3) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("migrate" as const), shuffle: fc.nat(3), partition: fc.nat(4), from: fc.nat(12), to: fc.oneof(fc.nat(12), fc.constant(-1)) }), weight: 2 },
);

describe("CountingMapOutputTracker", () => {
  it("answers every question as the listing tracker does, removals counted instead of listed", () => {
    fc.assert(
      fc.property(fc.array(countingOp, { minLength: 50, maxLength: 600 }), (ops) => {
        const listing = new ListingMapOutputTracker();
        const counting = new CountingMapOutputTracker();
        const numbers = new Numbers();
        const both = (f: (t: MapOutputTracker) => unknown): void => expect(f(counting)).toEqual(f(listing));
        for (const id of [0, 1, 2, 3]) both((t) => t.registerShuffle(id, 5));
        for (const o of ops) {
          if (o.kind === "write") both((t) => t.registerMapOutput(o.shuffle, o.partition, String(o.exec), numbers.of(String(o.exec))));
          else if (o.kind === "remove") {
            both((t) => t.outputsOn(String(o.exec)));
            both((t) => t.removeOutputsOnExecutor(String(o.exec), false));
            numbers.removed(String(o.exec));
          } else if (o.kind === "unregister") both((t) => t.unregisterShuffle(o.shuffle));
          else if (o.kind === "register") both((t) => t.registerShuffle(o.shuffle, 5));
          else {
            const to = o.to < 0 ? FALLBACK_STORAGE_ID : String(o.to);
            const toNumber = o.to < 0 ? -1 : numbers.of(to);
            both((t) => t.updateMapOutput(o.shuffle, o.partition, String(o.from), to, toNumber));
          }
          for (const id of [0, 1, 2, 3]) {
            both((t) => t.isAvailable(id));
            both((t) => [...t.missingPartitions(id)]);
            both((t) => t.locationsWithLargestOutputs(id, 0.2));
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("a removal that would have to list its lost outputs is refused (runs with losses or decommissioning list them)", () => {
    const t = new CountingMapOutputTracker();
    t.registerShuffle(0, 2);
    t.registerMapOutput(0, 0, "1", 0);
    expect(() => t.removeOutputsOnExecutor("1")).toThrow(/does not list lost outputs/);
    expect(t.removeOutputsOnExecutor("1", false)).toEqual([]);
    expect(t.isAvailable(0)).toBe(false);
    expect([...t.missingPartitions(0)]).toEqual([0, 1]);
  });

  it("a shuffle unregistered and registered again is not touched by an earlier writer's removal", () => {
    const t = new CountingMapOutputTracker();
    t.registerShuffle(0, 2);
    t.registerMapOutput(0, 0, "1", 0);
    t.unregisterShuffle(0);
    t.registerShuffle(0, 2);
    t.registerMapOutput(0, 0, "2", 1);
    t.registerMapOutput(0, 1, "2", 1);
    t.removeOutputsOnExecutor("1", false);
    expect(t.isAvailable(0)).toBe(true);
  });
});
