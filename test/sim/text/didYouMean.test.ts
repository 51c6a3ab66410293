import { describe, expect, it } from "vitest";
import { CONF_KEYS, editDistance, suggest } from "../../../sim/text/didYouMean.js";

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
