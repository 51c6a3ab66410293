import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { definedEntries } from "../../src/scenario/fieldReaders.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

describe("definedEntries", () => {
  it("keeps the defined entries in the order given and leaves out the undefined ones", () => {
    const o = definedEntries<{ a: number; b?: string; c?: number | null; d: boolean }>({ a: 1, b: undefined, c: null, d: false });
    expect(Object.keys(o)).toEqual(["a", "c", "d"]);
    expect(o).toEqual({ a: 1, c: null, d: false });
    expect(Object.hasOwn(o, "b")).toBe(false);
  });

  it("gives objects with the same keys one hidden class in V8 (spreading `{}` or `{ key }` gives one per object in Node 20)", () => {
    // V8's own check, in a process with natives syntax: the reason definedEntries exists (memory per stage and job).
    const script = `
      const { definedEntries } = await import(${JSON.stringify(join(ROOT, "dist/src/scenario/fieldReaders.js"))});
      const built = (name, n) => definedEntries({ name, n, stages: [] });
      const shared = (make) => { const xs = Array.from({ length: 50 }, (_, i) => make("job " + i, i)); return xs.every((x) => %HaveSameMap(x, xs[0])); };
      console.log(JSON.stringify({ built: shared(built) }));`;
    const r = spawnSync(process.execPath, ["--allow-natives-syntax", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ built: true });
  });
});
