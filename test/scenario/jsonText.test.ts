import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IssuePath } from "../../src/scenario/IssueCollector.js";
import { parseJsonText } from "../../src/scenario/jsonText.js";
import { parseYamlText } from "../../src/scenario/yamlText.js";

// The JSON reader used to be the YAML reader run over the JSON text (JSON is YAML): positions,
// duplicate keys and their order must be what that reading gave (outputs unchanged), without
// loading the yaml library. The YAML reader of the same text is the reference here.

/** Every path in a value, and under each object one key that is not there. */
function pathsOf(value: unknown, prefix: IssuePath = []): IssuePath[] {
  const out: IssuePath[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
    out.push([...prefix, "not-there"], [...prefix, 0]);
  }
  return out;
}

// "<<" is a merge key to the YAML reader, a plain key to JSON: left out of the comparison.
const key = fc.string({ maxLength: 6 }).filter((k) => k !== "<<");
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.string({ maxLength: 5 }), tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(key, tie("value"), { maxKeys: 4 }),
})).value;
const indent = fc.constantFrom(0, 1, 2, "\t", "\r\n  ");

function stringify(value: unknown, space: number | string): string {
  return space === "\r\n  " ? JSON.stringify(value, null, 2).replace(/\n/g, "\r\n") : JSON.stringify(value, null, space);
}

describe("parseJsonText", () => {
  it("locates every path where the YAML reading of the same text did", () => {
    fc.assert(
      fc.property(json, indent, fc.integer({ min: 0, max: 3 }), (value, space, lineOffset) => {
        const text = stringify(value, space);
        const ours = parseJsonText(text, { lineOffset });
        const reference = parseYamlText(text, { lineOffset });
        if (!ours.ok || !reference.ok) throw new Error("both read valid JSON");
        expect(ours.value).toEqual(JSON.parse(text));
        for (const path of pathsOf(value)) expect(ours.locate?.(path), JSON.stringify(path)).toEqual(reference.locate?.(path));
      }),
      { numRuns: 300 },
    );
  });

  it("reports keys given twice at the positions, and in the order, the YAML reading did", () => {
    // Objects whose entries may repeat a key, written out by hand (JSON.stringify cannot).
    const entries = fc.array(fc.tuple(fc.constantFrom("a", "b", "c\\u0064", "cd"), fc.oneof(fc.integer(), fc.constant("{}"), fc.constant('{"a":1,"a":2}'), fc.constant('[{"b":1,"b":2},3]'))), { maxLength: 6 });
    const written = fc.array(entries, { minLength: 1, maxLength: 3 }).chain((objects) =>
      fc.constantFrom(", ", ",\n  ").map((sep) => `[${objects.map((es) => `{${es.map(([k, v]) => `"${k}": ${v}`).join(sep)}}`).join(",\n")}]`),
    );
    fc.assert(
      fc.property(written, (text) => {
        const ours = parseJsonText(text);
        const reference = parseYamlText(text);
        if (ours.ok || reference.ok) {
          expect(ours.ok).toBe(reference.ok);
          return;
        }
        const at = (i: { line?: number; column?: number }): string => `${i.line}:${i.column}`;
        expect(ours.issues.map(at)).toEqual(reference.issues.map(at));
        for (const issue of ours.issues.filter((i) => i.unlisted === undefined)) expect(issue.message).toMatch(/^key "(a|b|cd)" is given twice in the same object \(JSON readers keep only the last\); give it once$/);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a top-level number as written (sparkVersion 4.0 is \"4.0\", not 4)", () => {
    const parsed = parseJsonText('{"sparkVersion": 4.0, "seed": "7", "n": -1.50e1}');
    if (!parsed.ok) throw new Error("valid JSON");
    expect(parsed.numberAsWritten("sparkVersion")).toBe("4.0");
    expect(parsed.numberAsWritten("n")).toBe("-1.50e1");
    expect(parsed.numberAsWritten("seed")).toBeUndefined();
    expect(parsed.numberAsWritten("missing")).toBeUndefined();
  });

  it("reads JSON nested too deeply for the tree without positions, and without overflowing the stack", () => {
    const depth = 100_000;
    const parsed = parseJsonText(`{"a": ${"[".repeat(depth)}${"]".repeat(depth)}}`);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.locate).toBeUndefined();
  });
});
