/** The tables by executor id (ExecutorNumbersById, ExecutorsById) against a plain Map, with numeric and other ids mixed. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExecutorNumbersById, numericId } from "../../../sim/spark/ExecutorNumbersById.js";
import { ExecutorsById } from "../../../sim/spark/ExecutorsById.js";

describe("numericId", () => {
  it("reads canonical decimal ids as numbers", () => {
    expect(numericId("0")).toBe(0);
    expect(numericId("1")).toBe(1);
    expect(numericId("48063")).toBe(48063);
    expect(numericId("9999999")).toBe(9999999);
  });

  it("leaves every other id to the map", () => {
    for (const id of ["", "01", "00", "+1", "-1", "1e3", "1.0", " 1", "1 ", "driver", "fallback", "1234567890", "99999999", "0x10"]) expect(numericId(id)).toBe(-1);
  });
});

const id = fc.oneof(
  fc.nat(40).map(String),
  fc.nat(5000).map(String),
  fc.constantFrom("driver", "01", "007", "", "1e3", "1234567890", "exec-1"),
);
const op = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), id, x: fc.nat(300) }),
  fc.record({ kind: fc.constant("delete" as const), id }),
);

describe("ExecutorNumbersById", () => {
  it("answers as a Map<string, number> does, and gives the id last numbered x", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const table = new ExecutorNumbersById();
        const model = new Map<string, number>();
        const ids = new Map<number, string>();
        for (const o of ops) {
          if (o.kind === "set") {
            table.set(o.id, o.x);
            model.set(o.id, o.x);
            ids.set(o.x, o.id);
          } else {
            table.delete(o.id);
            model.delete(o.id);
          }
          for (const probe of [o.id, "0", "3", "4999", "driver", "01"]) expect(table.get(probe)).toBe(model.get(probe));
        }
        for (const [k, v] of model) expect(table.get(k)).toBe(v);
        for (const [x, i] of ids) expect(table.idOf(x)).toBe(i);
        expect(table.idOf(301)).toBe("");
      }),
    );
  });

  it("grows past its first size without losing entries", () => {
    const table = new ExecutorNumbersById();
    for (let n = 1; n <= 20000; n++) table.set(String(n), n - 1);
    for (let n = 1; n <= 20000; n++) expect(table.get(String(n))).toBe(n - 1);
    table.delete("64");
    expect(table.get("64")).toBeUndefined();
    expect(table.get("65")).toBe(64);
    expect(table.get("20001")).toBeUndefined();
  });
});

describe("ExecutorsById", () => {
  it("answers as a Map<string, T> does; values() holds the same entries", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const table = new ExecutorsById<{ readonly x: number }>();
        const model = new Map<string, { readonly x: number }>();
        for (const o of ops) {
          if (o.kind === "set") {
            const v = { x: o.x };
            table.set(o.id, v);
            model.set(o.id, v);
          } else {
            table.delete(o.id);
            model.delete(o.id);
          }
          for (const probe of [o.id, "0", "3", "4999", "driver", "01"]) {
            expect(table.get(probe)).toBe(model.get(probe));
            expect(table.has(probe)).toBe(model.has(probe));
          }
        }
        const byX = (a: { x: number }, b: { x: number }) => a.x - b.x;
        expect([...table.values()].sort(byX)).toEqual([...model.values()].sort(byX));
      }),
    );
  });
});
