/**
 * Outputs stay byte-identical: the timeline CSV, events JSONL, summary JSON and printed report of
 * every example scenario (and of replaying every shared event log) hash to the values recorded in
 * test/fixtures/outputHashes.json. A performance change must not move a single byte; a change
 * that alters outputs by design regenerates the file and says why in its commit:
 *
 *   UPDATE_OUTPUT_HASHES=1 npx vitest run test/outputHashes.test.ts
 *
 * Shared-log entries are skipped (and kept in the file) when ../shared is absent.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { dra } from "./helpers/cli.js";
import { describeShared, listSharedLogs, SHARED_EVENTLOGS, sharedLog } from "./helpers/sharedEventLogs.js";
import { useTempDir } from "./helpers/tempDir.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const HASH_FILE = join(ROOT, "test/fixtures/outputHashes.json");
const UPDATE = process.env["UPDATE_OUTPUT_HASHES"] === "1";

type Hashes = Record<string, Record<string, string>>;
const expected: Hashes = existsSync(HASH_FILE) ? (JSON.parse(readFileSync(HASH_FILE, "utf8")) as Hashes) : {};
const actual: Hashes = {};

/** The hash of an output, with the shared logs' folder written as <shared> so the checkout's location does not matter. */
function sha256(text: string): string {
  return createHash("sha256").update(text.replaceAll(SHARED_EVENTLOGS, "<shared>")).digest("hex");
}

/** The scenario files in scenarios/ (subfolders hold the job requests they name, not scenarios). */
function exampleScenarios(): string[] {
  const dir = join(ROOT, "scenarios");
  return readdirSync(dir)
    .filter((name) => /\.(ya?ml|json)$/.test(name) && statSync(join(dir, name)).isFile())
    .map((name) => relative(ROOT, join(dir, name)))
    .sort();
}

const tmp = useTempDir("output-hashes");

/** Runs one command writing timeline, events and summary JSON to files; returns each output's hash. */
async function hashOutputs(key: string, argv: readonly string[]): Promise<Record<string, string>> {
  const base = join(tmp, key.replace(/[^A-Za-z0-9]+/g, "_"));
  const files = { timeline: `${base}.csv`, events: `${base}.jsonl`, json: `${base}.json` };
  const r = await dra(ROOT, ...argv, "--timeline", files.timeline, "--events", files.events, "--json", files.json, "--force");
  expect(r.stderr.includes("Error"), r.stderr).toBe(false);
  expect(r.code, r.stderr).toBe(0);
  const hashes: Record<string, string> = { report: sha256(r.stdout) };
  for (const [name, file] of Object.entries(files)) {
    const text = readFileSync(file, "utf8");
    expect(text.length, `${key} ${name}`).toBeGreaterThan(0);
    hashes[name] = sha256(text);
  }
  return hashes;
}

function check(key: string, hashes: Record<string, string>): void {
  actual[key] = hashes;
  if (UPDATE) return;
  expect(expected[key], `no recorded hashes for ${key}: regenerate with UPDATE_OUTPUT_HASHES=1`).toBeDefined();
  expect(hashes, key).toEqual(expected[key]);
}

afterAll(() => {
  if (!UPDATE) return;
  // Keep entries this run could not compute (shared logs when ../shared is absent).
  const merged: Hashes = { ...expected, ...actual };
  const sorted = Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]]));
  writeFileSync(HASH_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
});

describe("example scenarios: outputs byte-identical to the recorded hashes", () => {
  const scenarios = exampleScenarios();
  it("finds the example scenarios", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(4);
  });
  it.each(scenarios)("run %s", async (scenario) => {
    check(`run ${scenario}`, await hashOutputs(scenario, ["run", scenario]));
  });
  it.each(scenarios)("run %s on kubernetes with a changed conf", async (scenario) => {
    const argv = ["run", scenario, "--cluster-manager", "kubernetes", "--conf", "spark.dynamicAllocation.executorIdleTimeout=7s", "--seed", "3"];
    check(`run ${scenario} --cluster-manager kubernetes --conf executorIdleTimeout=7s --seed 3`, await hashOutputs(`${scenario}-k8s`, argv));
  });
  it("sweep of an example scenario gives the same CSV with 1 and 2 workers", async () => {
    const csv: string[] = [];
    for (const workers of ["1", "2"]) {
      const out = join(tmp, `sweep-${workers}.csv`);
      const argv = ["sweep", "scenarios/bursty-short-jobs.yaml", "--grid", "spark.dynamicAllocation.maxExecutors=4,8,16", "--seeds", "2"];
      const r = await dra(ROOT, ...argv, "--workers", workers, "--out", out, "--force", "--quiet");
      expect(r.code, r.stderr).toBe(0);
      csv.push(readFileSync(out, "utf8"));
    }
    expect(csv[1]).toBe(csv[0]);
    check("sweep scenarios/bursty-short-jobs.yaml maxExecutors=4,8,16 --seeds 2", { csv: sha256(csv[0] ?? "") });
  });
});

describeShared("shared event logs: replay outputs byte-identical to the recorded hashes", () => {
  it.each(listSharedLogs())("replay %s", async (log) => {
    check(`replay ${log}`, await hashOutputs(log, ["replay", sharedLog(log)]));
  });
});
