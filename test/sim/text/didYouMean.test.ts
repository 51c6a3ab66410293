import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONF_ENTRIES } from "../../../sim/conf/registry.js";
import { CONF_KEYS, SHORT_NAMES, editDistance, suggest, type SuggestPolicy } from "../../../sim/text/didYouMean.js";

const STAGE = ["id", "name", "tasks", "taskDurationMs", "parents", "shuffleId", "cacheRddId"];

describe("suggest", () => {
  it.each([
    ["taskDuration", "taskDurationMs"],
    ["taskdurationms", "taskDurationMs"],
    ["numTasks", "tasks"],
    ["parent", "parents"],
    ["shuffle_id", "shuffleId"],
    ["cachedRddId", "cacheRddId"],
  ])("%s -> %s", (key, expected) => {
    expect(suggest(key, STAGE)).toBe(expected);
  });

  it("suggests nothing for a key unlike any", () => {
    expect(suggest("partitionsPerExecutor", STAGE)).toBeUndefined();
  });

  it("takes the first of equally close candidates", () => {
    expect(suggest("ab", ["ax", "ay"])).toBe("ax");
  });
});

describe("suggest with the CONF_KEYS policy", () => {
  const KEYS = ["spark.dynamicAllocation.maxExecutors", "spark.dynamicAllocation.minExecutors", "spark.executor.cores"];

  it("finds a typo in a long dotted key, ignoring case", () => {
    expect(suggest("spark.dynamicallocation.maxExecutor", KEYS, CONF_KEYS)).toBe("spark.dynamicAllocation.maxExecutors");
  });

  it("does not count a shared prefix as closeness (every key starts with spark.dynamicAllocation.)", () => {
    expect(suggest("spark.dynamicAllocation", KEYS, CONF_KEYS)).toBeUndefined();
    // The short-name policy would: a prefix scores 1.5.
    expect(suggest("spark.dynamicAllocation", KEYS)).toBe("spark.dynamicAllocation.maxExecutors");
  });

  it("allows at most max(3, length/8) edits", () => {
    expect(suggest("spark.executor.corezzz", KEYS, CONF_KEYS)).toBe("spark.executor.cores");
    expect(suggest("spark.executor.corezzzz", KEYS, CONF_KEYS)).toBeUndefined();
  });
});

describe("editDistance", () => {
  it("counts edits", () => {
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });
});

/** suggest() as first written: every candidate's full distance, no pruning by length. */
function suggestReference(key: string, candidates: readonly string[], policy: SuggestPolicy): string | undefined {
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    let score = editDistance(k, c);
    const affix = (x: string, y: string): boolean => y.length >= 4 && (x.startsWith(y) || x.endsWith(y));
    if (policy.affixes && (affix(k, c) || affix(c, k))) score = Math.min(score, 1.5);
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return bestScore <= policy.maxScore(key.length) ? best : undefined;
}

describe("suggest skips distances by length without changing its answer", () => {
  const confKeys = CONF_ENTRIES.map((e) => e.key);
  // A key near a real one: a registered key with a few letters changed, dropped or added.
  const nearKey = (keys: readonly string[]) =>
    fc.tuple(fc.constantFrom(...keys), fc.array(fc.tuple(fc.nat(), fc.constantFrom("", "a", "e", ".", "x")), { maxLength: 6 })).map(([key, edits]) => {
      let k = key;
      for (const [at, letter] of edits) {
        const i = at % (k.length + 1);
        k = k.slice(0, i) + letter + k.slice(i + (letter === "" || at % 2 === 0 ? 1 : 0));
      }
      return k;
    });

  it("for conf keys, as the reference", () => {
    fc.assert(fc.property(fc.oneof(nearKey(confKeys), fc.string({ maxLength: 60 })), (key) => {
      expect(suggest(key, confKeys, CONF_KEYS)).toBe(suggestReference(key, confKeys, CONF_KEYS));
    }), { numRuns: 500 });
  });

  it("for short names with affixes, as the reference", () => {
    fc.assert(fc.property(fc.oneof(nearKey(STAGE), fc.string({ maxLength: 20 })), (key) => {
      expect(suggest(key, STAGE, SHORT_NAMES)).toBe(suggestReference(key, STAGE, SHORT_NAMES));
    }), { numRuns: 1000 });
  });
});
