/** The targets by profile keep the default profile's target in a field: it must always be what the Map holds for it. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TargetsByProfile } from "../../../sim/spark/TargetsByProfile.js";

describe("TargetsByProfile", () => {
  it("holds the default profile's target in defaultTarget through any sets, deletes and clears (0 without one)", () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("set" as const), rp: fc.nat(3), target: fc.nat(10_000) }),
      fc.record({ kind: fc.constant("delete" as const), rp: fc.nat(3) }),
      fc.record({ kind: fc.constant("clear" as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60, size: "max" }), (ops) => {
        const targets = new TargetsByProfile();
        const plain = new Map<number, number>();
        for (const o of ops) {
          if (o.kind === "set") {
            expect(targets.set(o.rp, o.target)).toBe(targets);
            plain.set(o.rp, o.target);
          } else if (o.kind === "delete") expect(targets.delete(o.rp)).toBe(plain.delete(o.rp));
          else {
            targets.clear();
            plain.clear();
          }
          expect(targets.defaultTarget).toBe(plain.get(0) ?? 0);
          expect([...targets]).toEqual([...plain]);
        }
      }),
    );
  });
});
