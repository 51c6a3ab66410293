import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { dra } from "../helpers/cli.js";
import { useTempDir } from "../helpers/tempDir.js";
import { TIMELINE_COLUMNS } from "../../sim/result/Timeline.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const SEED = join(ROOT, "scenarios/seed-trip-count.yaml");
const dir = useTempDir("dra-sim-cli-run");

describe("dra-sim run", () => {
  it("prints the summary of the seed scenario", async () => {
    const r = await dra(dir, "run", SEED);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain('scenario "seed-trip-count"');
    expect(r.stdout).toMatch(/run time\s+3 min 59 s/);
    expect(r.stdout).toMatch(/peak executors\s+70\n/);
    expect(r.stdout).toMatch(/executor-hours\s+4\.02\n/);
    expect(r.stdout).toMatch(/by application-end\s+70\n/);
  });

  it("says in the summary and its JSON which cluster manager ran", async () => {
    for (const [manager, text] of [
      ["generic", "generic (no Kubernetes or YARN allocator model)"],
      ["yarn", "yarn (Spark's YarnAllocator)"],
      ["kubernetes", "kubernetes (Spark's ExecutorPodsAllocator)"],
      ["standalone", "standalone (Spark's standalone Master)"],
    ] as const) {
      const args = manager === "generic" ? [] : ["--cluster-manager", manager];
      const r = await dra(dir, "run", SEED, ...args, "--json", `cm-${manager}.json`, "--force");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`\\ncluster manager +${text.replace(/[()]/g, "\\$&")}\\n`));
      const json = JSON.parse(readFileSync(join(dir, `cm-${manager}.json`), "utf8")) as Record<string, unknown>;
      expect(json["clusterManager"]).toBe(manager);
    }
  });

  it("writes the timeline CSV, the events JSON lines and the summary JSON", async () => {
    const out = join(dir, "outputs");
    const r = await dra(dir, "run", SEED, "--quiet", "--timeline", "t.csv", "--events", "e.jsonl", "--json", "s.json");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    const csv = readFileSync(join(dir, "t.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe(TIMELINE_COLUMNS.join(","));
    // target 10, 10 pending (all starting), nothing stopping or waiting for capacity, no nodes given.
    expect(csv[1]).toBe("0,10,10,0,0,0,0,0,0,0,0,0,10,0,0");
    expect(csv.at(-1)?.startsWith("239000,")).toBe(true);
    const events = readFileSync(join(dir, "e.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { type: string; timeMs: number });
    expect(events[0]).toEqual({ timeMs: 0, type: "applicationStart" });
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set(["applicationStart", "targetChanged", "executorRequested", "executorAdded", "executorRequestCancelled", "executorRemoved", "driverReady", "jobStart", "jobEnd", "stageSubmitted", "stageCompleted", "applicationEnd"]),
    );
    const summary = JSON.parse(readFileSync(join(dir, "s.json"), "utf8")) as Record<string, unknown>;
    expect(summary).toMatchObject({ makespanMs: 239000, executorSeconds: 14477, coreSeconds: 86862, peakExecutors: 70, executorsAdded: 70, executorsRemoved: 70, seed: 1, sparkVersion: "3.0.1", simulatorVersion: "0.1.0" });
    expect(summary["removalsByReason"]).toEqual({ "idle-timeout": 0, "cached-idle-timeout": 0, "shuffle-idle-timeout": 0, "application-end": 70 });
    expect(typeof summary["utilization"]).toBe("number");
    expect(existsSync(out)).toBe(false);
  });

  it("gives byte-identical outputs for the same scenario and seed", async () => {
    await dra(dir, "run", SEED, "--quiet", "--timeline", "a.csv", "--events", "a.jsonl", "--json", "a.json");
    await dra(dir, "run", SEED, "--quiet", "--timeline", "b.csv", "--events", "b.jsonl", "--json", "b.json");
    for (const ext of ["csv", "jsonl", "json"]) expect(readFileSync(join(dir, `a.${ext}`), "utf8")).toBe(readFileSync(join(dir, `b.${ext}`), "utf8"));
  });

  it("refuses to overwrite an existing file unless --force", async () => {
    writeFileSync(join(dir, "mine.csv"), "precious");
    const r = await dra(dir, "run", SEED, "--timeline", "mine.csv");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--timeline mine.csv: file exists; pass --force to overwrite it");
    expect(readFileSync(join(dir, "mine.csv"), "utf8")).toBe("precious");
    expect(r.stdout).toBe("");
    const forced = await dra(dir, "run", SEED, "--quiet", "--timeline", "mine.csv", "--force");
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, "mine.csv"), "utf8")).toContain("time_ms,target");
  });

  it("--conf overrides the scenario (Spark syntax, later wins)", async () => {
    const r = await dra(dir, "run", SEED, "--conf", "spark.dynamicAllocation.maxExecutors=20", "--json", "-", "--quiet");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ peakExecutors: 20 });
  });

  it("exits 2 with Spark's own message when Spark would refuse the config (the seed: tracking off, no shuffle service)", async () => {
    const r = await dra(dir, "run", SEED, "--conf", "spark.dynamicAllocation.shuffleTracking.enabled=false");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "org.apache.spark.SparkException: Dynamic allocation of executors requires the external shuffle service. You may enable this through spark.shuffle.service.enabled.",
    );
  });

  it("exits 2 with every problem of an invalid scenario, each with its path", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      ["name: bad", "workload:", "  jobs:", "    - stages:", "        - { id: 0, tasks: 0, taskDurationMs: 100 }", "        - { id: 0, tasks: 2, taskDuration: 100 }"].join("\n"),
    );
    const r = await dra(dir, "run", bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("workload.jobs[0].stages[0].tasks");
    expect(r.stderr).toContain("workload.jobs[0].stages[1].taskDuration");
    expect(r.stderr).toContain("taskDurationMs");
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("exits 2 on a missing scenario file, naming it", async () => {
    const r = await dra(dir, "run", "nope.yaml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nope.yaml");
  });

  it("exits 2 on usage errors (unknown option, malformed --conf)", async () => {
    expect((await dra(dir, "run", SEED, "--bogus")).code).toBe(2);
    const r = await dra(dir, "run", SEED, "--conf", "spark.executor.cores");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("expected key=value");
  });

  it("--job-request reads the seed's EMR on EKS request as written (with its shell heredoc wrapper)", async () => {
    const request = join(ROOT, "scenarios/emr-on-eks/spark-python-in-s3-dra.sh");
    const scenarioFile = join(dir, "plain.yaml");
    writeFileSync(scenarioFile, ["name: plain", "workload:", "  jobs:", "    - stages: [{ id: 0, tasks: 120, taskDurationMs: 10000 }]"].join("\n"));
    const r = await dra(dir, "run", scenarioFile, "--job-request", request, "--json", "-", "--quiet");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sparkVersion: "3.0.1", config: { minExecutors: 5, initialExecutors: 10, maxExecutors: 100, executorCores: 6 } });
  });

  it("--help explains the command and its options", async () => {
    const r = await dra(dir, "run", "--help");
    expect(r.code).toBe(0);
    for (const option of ["--timeline", "--events", "--json", "--conf", "--job-request", "--force"]) expect(r.stdout).toContain(option);
  });
});

describe("dra-sim run given a job request instead of a scenario", () => {
  it("says what the file is and how to use it", async () => {
    const r = await dra(dir, "run", join(ROOT, "scenarios/emr-on-eks/spark-python-in-s3-dra.json"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("this is an EMR on EKS job request, not a scenario");
    expect(r.stderr).toContain("--job-request <this file>");
    expect(r.stderr).toContain("(1 problem)");
  });
});
