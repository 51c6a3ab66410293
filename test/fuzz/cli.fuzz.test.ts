/**
 * Fuzz suite: scenario documents and event logs generated with fast-check (valid ones with one
 * field or line mutated), plus the issue's hand-made mutations as fixtures, through `run`,
 * `check`, `replay` and `import`. Every input must give exit 0 or 2 (never 3), no stack trace,
 * and finish within a time and heap bound: the cases run in one child process (the compiled
 * CLI in-process) with a timeout and --max-old-space-size, so a hang or a runaway allocation
 * fails the test instead of the machine.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { stringify as yamlStringify } from "yaml";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../helpers/tempDir.js";
import { PLAIN_LOG_TEXT } from "../helpers/plainEventLog.js";
import { ensureCompiledBuild } from "../sweep/compiledBuild.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const dir = useTempDir("dra-sim-fuzz");
const SEED = Number(process.env["DRA_SIM_FUZZ_SEED"] ?? 20261206);
/** Generated inputs per kind (DRA_SIM_FUZZ_RUNS=400 for a longer hunt; CI keeps the default, well under a minute). */
const RUNS = Number(process.env["DRA_SIM_FUZZ_RUNS"] ?? 60);
/** The batch's bounds: well past what the cases need (a few seconds), far below a hang or a blow-up. */
const BATCH_TIMEOUT_MS = 50_000;
const HEAP_MB = 768;

interface Case {
  readonly name: string;
  readonly argv: readonly string[];
}
interface Result {
  readonly code: number;
  readonly stdout: number;
  readonly stderr: string;
  readonly ms: number;
}

/** Values that broke things before: huge, negative, fractional, wrong types, deep nesting. */
const NASTY: readonly unknown[] = [
  -1, 0, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, "", "abc", "-5s", "99999999999999999999d", "1e400", {}, [], null, true,
  { a: { b: { c: {} } } }, [[[[[1]]]]], "../x", "\u0000", "x".repeat(5000),
];

const nasty = fc.constantFrom(...NASTY);

/** A small valid scenario document. */
const scenarioDoc = fc.record({
  name: fc.constantFrom("fuzz", "f"),
  seed: fc.nat(1000),
  conf: fc.record({
    "spark.dynamicAllocation.enabled": fc.constantFrom("true", "false"),
    "spark.dynamicAllocation.shuffleTracking.enabled": fc.constant("true"),
    "spark.dynamicAllocation.maxExecutors": fc.integer({ min: 1, max: 50 }).map(String),
    "spark.executor.cores": fc.integer({ min: 1, max: 8 }).map(String),
    "spark.dynamicAllocation.executorIdleTimeout": fc.constantFrom("1s", "60s", "2min"),
  }),
  cluster: fc.record({ executorStartupMs: fc.integer({ min: 0, max: 20_000 }) }),
  workload: fc.record({
    jobs: fc.array(
      fc.record({
        stages: fc.constant([
          { id: 0, tasks: 20, taskDurationMs: 1000, shuffleId: 0 },
          { id: 1, tasks: 5, taskDurationMs: { distribution: "uniform", minMs: 100, maxMs: 900 }, parents: [0] },
        ]),
      }),
      { minLength: 1, maxLength: 2 },
    ),
  }),
});

type Json = Record<string, unknown>;

/** Every path to a value inside a document. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(doc: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: Json | unknown[] = Array.isArray(doc) ? [...(doc as unknown[])] : { ...(doc as Json) };
  const [head, ...rest] = path;
  (copy as Record<string | number, unknown>)[head!] = setAt((doc as Record<string | number, unknown>)[head!], rest, value);
  return copy;
}

/** A valid scenario with one value (anywhere, the root included) replaced by a nasty one, as YAML or JSON. */
const mutatedScenario = fc.tuple(scenarioDoc, fc.nat(), nasty, fc.boolean()).map(([doc, pick, value, asJson]) => {
  const all = paths(doc);
  const doc2 = setAt(doc, all[pick % all.length]!, value);
  return { text: asJson ? JSON.stringify(doc2) : yamlStringify(doc2), ext: asJson ? "json" : "yaml" };
});

/** A valid scenario's text with one line deleted, duplicated or cut, or a YAML special inserted. */
const mangledScenario = fc.tuple(scenarioDoc, fc.nat(), fc.constantFrom("delete", "duplicate", "cut", "alias", "anchor", "tab", "merge")).map(([doc, pick, how]) => {
  const lines = yamlStringify(doc).split("\n");
  const i = pick % lines.length;
  const line = lines[i]!;
  if (how === "delete") lines.splice(i, 1);
  else if (how === "duplicate") lines.splice(i, 0, line);
  else if (how === "cut") lines[i] = line.slice(0, Math.floor(line.length / 2));
  else if (how === "alias") lines[i] = `${line} *nope`;
  else if (how === "anchor") lines.splice(i, 0, "x: &a [*a]");
  else if (how === "tab") lines[i] = `\t${line}`;
  else lines.splice(i, 0, "<<: *m");
  return { text: lines.join("\n"), ext: "yaml" };
});

const LOG_LINES = PLAIN_LOG_TEXT.trimEnd().split("\n");

/** The repository's event log with one line mutated: a field set to a nasty value, a line dropped, cut, repeated or moved. */
const mutatedLog = fc.tuple(fc.nat(), fc.nat(), nasty, fc.constantFrom("field", "drop", "cut", "repeat", "move", "reverse", "garbage")).map(([pick, fieldPick, value, how]) => {
  const lines = [...LOG_LINES];
  const i = pick % lines.length;
  if (how === "field") {
    const event = JSON.parse(lines[i]!) as unknown;
    const all = paths(event).filter((p) => p.length > 0 && p[0] !== "Event");
    lines[i] = JSON.stringify(setAt(event, all[fieldPick % all.length]!, value));
  } else if (how === "drop") lines.splice(i, 1);
  else if (how === "cut") lines[i] = lines[i]!.slice(0, fieldPick % lines[i]!.length);
  else if (how === "repeat") lines.splice(i, 0, lines[i]!);
  else if (how === "move") lines.splice(fieldPick % lines.length, 0, ...lines.splice(i, 1));
  else if (how === "reverse") lines.reverse();
  else lines[i] = "\u0000\u00ff garbage {";
  return lines.join("\n") + "\n";
});

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The issue's own mutations, as fixtures (each once broke the contract). */
function fixtures(): Case[] {
  const seedLines = LOG_LINES;
  const bigTime = seedLines.map((l) => l.replace(/"Launch Time":\d+/, '"Launch Time":1e308')).join("\n");
  const selfParent = seedLines.map((l) => l.replace('"Parent IDs":[]', '"Parent IDs":[0]')).join("\n");
  const chain = ["name: c", "workload:", "  jobs:", "    - stages:"];
  for (let i = 0; i < 5000; i++) chain.push(`        - { id: ${i}, tasks: 1, taskDurationMs: 1, shuffleId: ${i}${i > 0 ? `, parents: [${i - 1}]` : ""} }`);
  const ok = write("ok.yaml", yamlStringify({ name: "ok", workload: { jobs: [{ stages: [{ id: 0, tasks: 3, taskDurationMs: 10 }] }] } }));
  mkdirSync(join(dir, "out"), { recursive: true });
  return [
    { name: "5000-stage chain", argv: ["run", write("chain.yaml", chain.join("\n"))] },
    { name: "tasks 2^31-1", argv: ["run", write("tasks.yaml", "name: t\nworkload:\n  jobs:\n    - stages: [{ id: 0, tasks: 2147483647, taskDurationMs: 1000 }]\n")] },
    { name: "2^31-1 static executors", argv: ["run", write("static.yaml", 'name: t\nconf:\n  spark.executor.instances: "2147483647"\nworkload:\n  jobs:\n    - stages: [{ id: 0, tasks: 2, taskDurationMs: 10 }]\n')] },
    { name: "undefined alias", argv: ["run", write("alias.yaml", "name: *x\n")] },
    { name: "1e308 launch times: replay", argv: ["replay", write("bigtime.log", bigTime)] },
    { name: "1e308 launch times: import", argv: ["import", join(dir, "bigtime.log"), "-o", "-"] },
    { name: "self-parent stage", argv: ["replay", write("selfparent.log", selfParent)] },
    { name: "reversed log", argv: ["replay", write("reversed.log", [...seedLines].reverse().join("\n"))] },
    { name: "--json twice", argv: ["run", ok, "--json", "a.json", "--json", "b.json"] },
    { name: "--timeline into a missing folder", argv: ["run", ok, "--timeline", join(dir, "no/such/dir/t.csv")] },
    { name: "two outputs to '-'", argv: ["run", ok, "--json", "-", "--events", "-"] },
    { name: "--seed abc", argv: ["run", ok, "--seed", "abc"] },
    { name: "run -", argv: ["run", "-"] },
    { name: "mistyped command", argv: ["rnu", ok] },
    { name: "--timeline is the input", argv: ["run", ok, "--timeline", ok, "--force"] },
    { name: "same file by two paths", argv: ["run", ok, "--timeline", join(dir, "out/x.csv"), "--events", join(dir, "out/../out/x.csv")] },
  ];
}

function runBatch(cases: readonly Case[]): Result[] {
  const file = write(`cases-${cases.length}-${cases[0]?.name.length ?? 0}.json`, JSON.stringify(cases.map((c) => ({ cwd: dir, argv: c.argv }))));
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, join(HERE, "cliBatch.mjs"), file], { encoding: "utf8", timeout: BATCH_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined || r.status !== 0) {
    throw new Error(`the batch did not finish within ${BATCH_TIMEOUT_MS} ms and ${HEAP_MB} MB of heap (status ${r.status}, signal ${r.signal}, ${r.error?.message ?? ""}):\n${r.stderr.slice(0, 3000)}`);
  }
  return JSON.parse(r.stdout) as Result[];
}

function expectContract(cases: readonly Case[], results: readonly Result[]): void {
  expect(results.length).toBe(cases.length);
  const broken = results
    .map((r, i) => ({ r, c: cases[i]! }))
    .filter(({ r }) => ![0, 2].includes(r.code) || /\n\s+at |internal error|main threw/.test(r.stderr));
  expect(broken.map(({ c, r }) => `${c.name}: exit ${r.code}: ${r.stderr.slice(0, 600)}`)).toEqual([]);
}

describe("fuzz: exit 0 or 2, no stack trace, bounded time and memory", () => {
  it("the issue's mutations (fixtures)", () => {
    ensureCompiledBuild();
    const cases = fixtures();
    const results = runBatch(cases);
    expectContract(cases, results);
    // The user errors among them are refused, not silently run.
    for (const name of ["5000-stage chain", "tasks 2^31-1", "2^31-1 static executors", "undefined alias", "--json twice", "two outputs to '-'", "--seed abc", "run -", "mistyped command", "--timeline is the input", "same file by two paths"]) {
      expect(results[cases.findIndex((c) => c.name === name)]!.code, name).toBe(2);
    }
  });

  it("generated scenario documents (run and check)", () => {
    ensureCompiledBuild();
    const docs = [...fc.sample(mutatedScenario, { seed: SEED, numRuns: RUNS }), ...fc.sample(mangledScenario, { seed: SEED + 1, numRuns: Math.ceil(RUNS / 2) })];
    const cases = docs.flatMap((d, i) => {
      const file = write(`gen-${i}.${d.ext}`, d.text);
      return i % 3 === 0 ? [{ name: `check ${file}`, argv: ["check", file] }] : [{ name: `run ${file}`, argv: ["run", file, "--quiet"] }];
    });
    const results = runBatch(cases);
    // check may also exit 1 (a termination rule violated): that is its answer, not a crash.
    expectContract(cases, results.map((r, i) => (cases[i]!.argv[0] === "check" && r.code === 1 ? { ...r, code: 0 } : r)));
    // The generator reaches both outcomes.
    expect(results.some((r) => r.code === 0)).toBe(true);
    expect(results.some((r) => r.code === 2)).toBe(true);
  });

  it("generated event-log mutations (replay and import)", () => {
    ensureCompiledBuild();
    const logs = fc.sample(mutatedLog, { seed: SEED + 2, numRuns: RUNS });
    const cases = logs.map((text, i) => {
      const file = write(`gen-${i}.log`, text);
      return i % 2 === 0 ? { name: `replay ${file}`, argv: ["replay", file, "--quiet"] } : { name: `import ${file}`, argv: ["import", file, "-o", "-"] };
    });
    const results = runBatch(cases);
    expectContract(cases, results);
    expect(results.some((r) => r.code === 0)).toBe(true);
  });
});
