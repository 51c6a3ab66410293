import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONF_ENTRIES, CONF_ENTRY_BY_KEY, config, type ConfEntry } from "../../../sim/conf/registry.js";
import { BOOLEAN, DOUBLE, INT, MEBIBYTES, MILLISECONDS, PATH, SECONDS, type ConfValueType, type ValueSyntax } from "../../../sim/conf/syntax.js";
import { BYTE_SUFFIX, TIME_SUFFIX_NS } from "../../../sim/conf/values.js";
import { parseSparkVersion, SUPPORTED_VERSION_LINES, versionFeatures } from "../../../sim/conf/SparkVersion.js";

const FEATURES = SUPPORTED_VERSION_LINES.map((line) => {
  const v = parseSparkVersion(line);
  return { line, features: versionFeatures(v) };
});

/** Reads `text` with `syntax`, failing the test with Spark's message when it cannot. */
function read<T>(syntax: ValueSyntax<T>, text: string): T {
  const r = syntax.parse("spark.test.key", text);
  if (!r.ok) throw new Error(`${JSON.stringify(text)} did not parse: ${r.message}`);
  return r.value;
}

describe("the config registry", () => {
  it("declares each key once, spark.* and with the release that introduced it", () => {
    expect(CONF_ENTRY_BY_KEY.size).toBe(CONF_ENTRIES.length);
    for (const e of CONF_ENTRIES) {
      expect(e.key).toMatch(/^spark\./);
      expect(e.since, e.key).toMatch(/^\d+\.\d+\.\d+$/);
      expect(e.doc.length, e.key).toBeGreaterThan(0);
    }
  });

  it("lists every entry of `config`, fallback keys before the keys that fall back to them", () => {
    expect(CONF_ENTRIES).toEqual(Object.values(config));
    for (const e of CONF_ENTRIES) {
      if (e.fallback === undefined) continue;
      expect(CONF_ENTRIES.indexOf(e.fallback), e.key).toBeLessThan(CONF_ENTRIES.indexOf(e));
      expect(e.fallback.syntax, e.key).toBe(e.syntax);
    }
  });

  // Spark's ConfigEntry.defaultValueString: what a user would write to set the default.
  it.each(FEATURES)("every entry parses its default back and the default passes its check (Spark $line)", ({ features }) => {
    for (const e of CONF_ENTRIES) {
      if (e.fallback !== undefined) continue;
      const d = e.defaultValue(features);
      // Unset by default (createOptional); Infinity is the model's "never" for Spark's MAX_VALUE sentinels.
      if (d === undefined || d === Infinity) continue;
      expect(read(e.syntax, e.syntax.format(d)), e.key).toBe(d);
      const check = typeof e.check === "function" ? e.check(features) : e.check;
      if (check !== undefined && typeof d === "number") expect(check.valid(d), e.key).toBe(true);
    }
  });

  it("an unset default is Spark's optional key or a time key that never fires", () => {
    const unset = CONF_ENTRIES.filter((e) => e.fallback === undefined && e.defaultValue(FEATURES[0]!.features) === undefined).map((e) => e.key);
    expect(unset).toEqual([
      config.EXECUTOR_INSTANCES.key,
      config.EXECUTOR_MEMORY_OVERHEAD.key,
      config.CORES_MAX.key,
      config.STORAGE_DECOMMISSION_FALLBACK_STORAGE_PATH.key,
      config.EXECUTOR_DECOMMISSION_KILL_INTERVAL.key,
      config.EXECUTOR_DECOMMISSION_FORCE_KILL_TIMEOUT.key,
    ]);
    const never = CONF_ENTRIES.filter((e) => e.fallback === undefined && e.defaultValue(FEATURES[0]!.features) === Infinity);
    for (const e of never) expect(["seconds", "milliseconds"], e.key).toContain(e.syntax.type);
  });
});

/** Generated text in each syntax, as a user writes it: time and size values with their units. */
const TEXT: Readonly<Record<ConfValueType, fc.Arbitrary<string>>> = {
  boolean: fc.constantFrom("true", "false", "TRUE", " False "),
  int: fc.integer({ min: -2147483648, max: 2147483647 }).map(String),
  double: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }).map(String),
  seconds: fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom("", ...Object.keys(TIME_SUFFIX_NS))).map(([n, u]) => `${n}${u}`),
  milliseconds: fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom("", ...Object.keys(TIME_SUFFIX_NS))).map(([n, u]) => `${n}${u}`),
  mebibytes: fc
    .tuple(fc.integer({ min: 0, max: 2 ** 20 }), fc.constantFrom("", ...Object.keys(BYTE_SUFFIX)))
    .filter(([n, u]) => n * (BYTE_SUFFIX[u] ?? 1) <= 2 ** 50)
    .map(([n, u]) => `${n}${u}`),
  path: fc.constantFrom("s3a://bucket/fallback/", "file:///tmp/fallback", "hdfs:///spark/fallback"),
};

describe("value syntax round trip: text -> value -> format -> the same value", () => {
  const syntaxes: ReadonlyArray<ValueSyntax<boolean> | ValueSyntax<number>> = [BOOLEAN, INT, DOUBLE, SECONDS, MILLISECONDS, MEBIBYTES, PATH];
  it.each(syntaxes.map((s) => [s.type, s] as const))("%s", (_type, syntax) => {
    const s: ValueSyntax<boolean | number> = syntax;
    fc.assert(
      fc.property(TEXT[s.type], (text) => {
        const value = read(s, text);
        expect(read(s, s.format(value))).toBe(value);
      }),
    );
  });

  it("every registry entry round-trips values of its own syntax", () => {
    const entry: fc.Arbitrary<ConfEntry> = fc.constantFrom(...CONF_ENTRIES);
    fc.assert(
      fc.property(
        entry.chain((e) => TEXT[e.syntax.type].map((text) => [e, text] as const)),
        ([e, text]) => {
          const r = e.syntax.parse(e.key, text);
          expect(r.ok).toBe(true);
          if (r.ok) expect(e.syntax.parse(e.key, e.syntax.format(r.value))).toEqual(r);
        },
      ),
    );
  });

  it("seconds keys truncate, and format what they keep (\"1500ms\" is 1 s)", () => {
    expect(read(SECONDS, "1500ms")).toBe(1000);
    expect(SECONDS.format(1000)).toBe("1s");
    expect(MILLISECONDS.format(1500)).toBe("1500ms");
    expect(MEBIBYTES.format(read(MEBIBYTES, "2g"))).toBe("2048m");
  });
});
