import { describe, expect, it } from "vitest";
import { editDistance } from "../../sim/conf/editDistance.js";
import { suggest, unknownKeyMessage } from "../../src/scenario/didYouMean.js";

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
});

describe("unknownKeyMessage", () => {
  it("names the key, the guess and the allowed keys", () => {
    expect(unknownKeyMessage("nmae", ["name", "seed"])).toBe('unknown key "nmae"; did you mean "name"? (allowed keys: name, seed)');
  });
});

describe("editDistance", () => {
  it("counts edits", () => {
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });
});
