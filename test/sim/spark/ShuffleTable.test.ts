/** A map by number with its last lookup kept: `cached` answers as `get` would, whatever was set or deleted since. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ShuffleTable } from "../../../sim/spark/ShuffleTable.js";

describe("ShuffleTable", () => {
  it("cached agrees with a plain Map's get over any sequence of sets, deletes and lookups", () => {
    const key = fc.integer({ min: 0, max: 5 });
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), key, value: fc.integer() }),
      fc.record({ kind: fc.constant("delete" as const), key }),
      fc.record({ kind: fc.constant("get" as const), key }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const table = new ShuffleTable<number>();
        const plain = new Map<number, number>();
        for (const o of ops) {
          if (o.kind === "set") {
            table.set(o.key, o.value);
            plain.set(o.key, o.value);
          } else if (o.kind === "delete") {
            expect(table.delete(o.key)).toBe(plain.delete(o.key));
          }
          expect(table.cached(o.key)).toBe(plain.get(o.key));
        }
      }),
    );
  });

  it("answers a repeated lookup from the last one, and a set of that key replaces it", () => {
    const table = new ShuffleTable<number>();
    table.set(3, 30);
    expect(table.cached(3)).toBe(30);
    table.set(3, 31);
    expect(table.cached(3)).toBe(31);
    table.delete(3);
    expect(table.cached(3)).toBeUndefined();
  });
});
