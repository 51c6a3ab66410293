/** TrackersById (the executor monitor's table) answers as the Map keyed by id it replaced: lookups, size, and insertion order through deletions and compactions. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TrackersById, type OrderedEntry } from "../../../sim/spark/TrackersById.js";

const entry = (id: string): OrderedEntry => ({ id, orderSlot: -1 });

describe("TrackersById", () => {
  it("keeps a Map's lookups, size and insertion order (numeric and other ids, ids added again after removal)", () => {
    // Ids "0".."11" are array indices; "07", "x3" and "driver" go to the fallback Map.
    const id = fc.oneof(fc.nat(11).map(String), fc.constantFrom("07", "x3", "driver"));
    const op = fc.record({ add: fc.boolean(), id });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120, size: "max" }), (ops) => {
        const table = new TrackersById<OrderedEntry>();
        const ref = new Map<string, OrderedEntry>();
        for (const o of ops) {
          const known = ref.get(o.id);
          if (o.add && known === undefined) {
            const e = entry(o.id);
            table.add(e);
            ref.set(o.id, e);
          } else if (!o.add && known !== undefined) {
            table.delete(known);
            ref.delete(o.id);
            expect(known.orderSlot).toBe(-1);
          }
          expect(table.size).toBe(ref.size);
          expect(table.ids()).toEqual([...ref.keys()]);
          expect(table.values()).toEqual([...ref.values()]);
          const walked: OrderedEntry[] = [];
          table.forEach((e) => walked.push(e));
          expect(walked).toEqual([...ref.values()]);
          for (const k of ["0", "5", "11", "07", "x3", "driver", "12"]) {
            expect(table.get(k)).toBe(ref.get(k));
            expect(table.has(k)).toBe(ref.has(k));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("compacts once half of its order is holes, renumbering the entries kept", () => {
    const table = new TrackersById<OrderedEntry>();
    const es = ["1", "2", "3", "4"].map(entry);
    for (const e of es) table.add(e);
    table.delete(es[0]!);
    table.delete(es[2]!);
    expect(es[1]!.orderSlot).toBe(1); // 2 holes of 4: not yet more than half
    table.delete(es[1]!); // 3 of 4: compacted
    expect(es[3]!.orderSlot).toBe(0);
    expect(table.ids()).toEqual(["4"]);
  });
});
