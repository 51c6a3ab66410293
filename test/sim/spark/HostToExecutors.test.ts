/** HostToExecutors, counted from the first question on, answers as a count of the live executors per host does. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HostToExecutors } from "../../../sim/spark/HostToExecutors.js";

type Op = { readonly kind: "add"; readonly id: number; readonly host: number } | { readonly kind: "remove"; readonly id: number } | { readonly kind: "ask"; readonly host: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), id: fc.nat(9), host: fc.nat(3) }),
  fc.record({ kind: fc.constant("remove" as const), id: fc.nat(9) }),
  fc.record({ kind: fc.constant("ask" as const), host: fc.nat(4) }),
);

describe("HostToExecutors", () => {
  it("says whether a host has a live executor, whenever it is first asked (against a count of the live executors)", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        // The scheduler's own map, updated before the counts are told, as TaskSchedulerImpl does.
        const live = new Map<string, { host: string }>();
        const hosts = new HostToExecutors(live);
        for (const o of ops) {
          const id = "id" in o ? String(o.id) : "";
          if (o.kind === "add" && !live.has(id)) {
            live.set(id, { host: `h${o.host}` });
            hosts.added(`h${o.host}`);
          } else if (o.kind === "remove" && live.has(id)) {
            const { host } = live.get(id)!;
            live.delete(id);
            hosts.removed(host);
          } else if (o.kind === "ask") {
            expect(hosts.hasExecutorsOn(`h${o.host}`)).toBe([...live.values()].some((e) => e.host === `h${o.host}`));
          }
        }
        for (let h = 0; h < 5; h++) expect(hosts.hasExecutorsOn(`h${h}`)).toBe([...live.values()].some((e) => e.host === `h${h}`));
      }),
      { numRuns: 300 },
    );
  });
});
