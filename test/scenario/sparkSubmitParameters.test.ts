import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSparkSubmitParameters, splitShellWords } from "../../src/scenario/index.js";

const words = (text: string): string[] => {
  const r = splitShellWords(text);
  if (!r.ok) throw new Error(r.message);
  return r.words;
};

describe("splitShellWords", () => {
  it.each([
    ["  --conf   a=b  ", ["--conf", "a=b"]],
    [`--conf "spark.x=a b"`, ["--conf", "spark.x=a b"]],
    [`--conf 'spark.x=$HOME "q"'`, ["--conf", `spark.x=$HOME "q"`]],
    [`a"b"'c'd`, ["abcd"]],
    [`"a\\"b\\\\c\\d"`, [`a"b\\c\\d`]],
    [`a\\ b`, ["a b"]],
    [`a \\\n b`, ["a", "b"]],
    [`""`, [""]],
    ["\t--x\n--y ", ["--x", "--y"]],
  ])("%j", (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it("reports unterminated quotes", () => {
    expect(splitShellWords(`--conf "a=b`)).toEqual({ ok: false, message: "unterminated double quote at character 8" });
    expect(splitShellWords(`'a`)).toEqual({ ok: false, message: "unterminated single quote at character 1" });
  });

  it("gives back any words, each single-quoted the way a shell would", () => {
    const quote = (w: string): string => `'${w.replace(/'/g, `'\\''`)}'`;
    fc.assert(
      fc.property(fc.array(fc.string()), (ws) => {
        expect(words(ws.map(quote).join(" "))).toEqual(ws);
      }),
    );
  });
});

describe("parseSparkSubmitParameters", () => {
  it("keeps --conf pairs in order, and the options that set properties", () => {
    const r = parseSparkSubmitParameters("--conf spark.b=2 --executor-memory=4g --conf spark.a=1 --num-executors 3");
    expect(r.conf).toEqual([
      ["spark.b", "2"],
      ["spark.a", "1"],
    ]);
    expect(r.properties).toEqual([
      ["--executor-memory", "spark.executor.memory", "4g"],
      ["--num-executors", "spark.executor.instances", "3"],
    ]);
    expect(r.problems).toEqual([]);
  });

  it("an unknown option takes its value along: one problem, not two", () => {
    const r = parseSparkSubmitParameters("--executor-core 4 --conf spark.a=1");
    expect(r.problems).toEqual([{ code: "unknown-option", message: 'spark-submit does not know the option "--executor-core"; did you mean --executor-cores?', value: "--executor-core" }]);
    expect(r.conf).toEqual([["spark.a", "1"]]);
  });

  it("an empty string has nothing in it", () => {
    expect(parseSparkSubmitParameters("   ")).toEqual({ conf: [], properties: [], ignored: [], problems: [] });
  });
});
