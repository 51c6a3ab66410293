import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");

describe("objectArray's elements kind (V8)", () => {
  // In a node with V8's natives syntax, on the compiled module (dist/, built by the tests' global setup).
  it("is the same hidden class before and after any caller's array got a hole or an object", () => {
    const script = `import { objectArray } from ${JSON.stringify(join(ROOT, "dist/sim/core/objectArray.js"))};
const first = objectArray();
const holed = objectArray();
holed[3] = { n: 1 };
const objects = objectArray();
objects.push("a", { n: 2 });
const later = objectArray();
console.log(JSON.stringify({
  holey: %HasHoleyElements(first) && %HasObjectElements(first),
  sameAsFirst: [holed, objects, later].map((a) => %HaveSameMap(a, first)),
  empty: later.length,
}));`;
    const r = spawnSync(process.execPath, ["--allow-natives-syntax", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ holey: true, sameAsFirst: [true, true, true], empty: 0 });
  });
});
