/**
 * Inputs that once crashed (exit 3, a stack trace), hung or were silently accepted: each is
 * now a user error (exit 2, one message naming the limit or the fix) or handled.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dra, type CliRun } from "../helpers/cli.js";
import { useTempDir } from "../helpers/tempDir.js";
import { SyntheticLog } from "../replay/syntheticLog.js";
import { writeZip } from "../helpers/zipWriter.js";

const dir = useTempDir("dra-sim-user-errors");

const DRA_CONF = ['  spark.dynamicAllocation.enabled: "true"', '  spark.dynamicAllocation.shuffleTracking.enabled: "true"'];
const ONE_STAGE = ["    - stages: [{ id: 0, tasks: 4, taskDurationMs: 1000 }]"];

function scenario(name: string, opts: { conf?: string[]; stages?: string[]; extra?: string[]; head?: string[] } = {}): string {
  const path = join(dir, name);
  writeFileSync(path, [...(opts.head ?? []), "name: t", "conf:", ...DRA_CONF, ...(opts.conf ?? []), "workload:", "  jobs:", ...(opts.stages ?? ONE_STAGE), ...(opts.extra ?? [])].join("\n") + "\n");
  return path;
}

function expectUserError(r: CliRun, message: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
}

describe("scenario files", () => {
  it("an undefined YAML alias is a syntax error, not a ReferenceError", async () => {
    expectUserError(await dra(dir, "run", scenario("alias.yaml", { extra: ["x: *nope"] })), /invalid YAML: Unresolved alias.*nope; define the anchor/);
  });

  it("an alias bomb is refused by yaml's alias limit, as a syntax error", async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1, prev = "a"; i < 12; prev = `b${i}`, i++) bomb.push(`b${i}: &b${i} [${Array(9).fill(`*${prev}`).join(",")}]`);
    expectUserError(await dra(dir, "run", scenario("bomb.yaml", { extra: bomb })), /invalid YAML: too many aliases/);
  });

  it("a chain of 5,000 stages is refused up front, naming the limit (it overflowed the stack)", async () => {
    const stages = ["    - stages:"];
    for (let i = 0; i < 5000; i++) stages.push(`        - { id: ${i}, tasks: 1, taskDurationMs: 1, shuffleId: ${i}${i > 0 ? `, parents: [${i - 1}]` : ""} }`);
    expectUserError(await dra(dir, "run", scenario("chain.yaml", { stages })), /ends a chain of 1001 stages.*at most 1000 stages/);
  });

  it("a negative maxRegisteredResourcesWaitingTime means no wait, as in Spark (it crashed the engine)", async () => {
    const r = await dra(dir, "run", scenario("wait.yaml", { conf: ['  spark.scheduler.maxRegisteredResourcesWaitingTime: "-5s"'] }), "--json", "-");
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).driverReadyMs).toBe(0);
  });

  it("tasks: 2147483647 is refused at validation, naming the limit (it ran out of memory)", async () => {
    expectUserError(await dra(dir, "run", scenario("tasks.yaml", { stages: ["    - stages: [{ id: 0, tasks: 2147483647, taskDurationMs: 1000 }]"] })), /tasks: must be an integer <= 20000000 .*at most 20,000,000 tasks/);
  });

  it("2^31-1 static executors are refused before running, naming the limit (V8 aborted)", async () => {
    const path = join(dir, "static.yaml");
    writeFileSync(path, ["name: t", "conf:", '  spark.executor.instances: "2147483647"', "workload:", "  jobs:", ...ONE_STAGE].join("\n"));
    expectUserError(await dra(dir, "run", path), /could ask for 2147483647 executors at once; the simulator handles at most 20000/);
  });

  it("a workload longer than 30 simulated days is exit 2 naming the limit, not exit 3", async () => {
    const r = await dra(dir, "run", scenario("long.yaml", { stages: ["    - stages: [{ id: 0, tasks: 1, taskDurationMs: 3000000000 }]"] }));
    expectUserError(r, /30 days, the simulator's limit/);
  });

  it("a time past a Java long is Spark's NumberFormatException, not 8.6e27 ms", async () => {
    const r = await dra(dir, "run", scenario("overflow.yaml", { conf: ['  spark.dynamicAllocation.executorIdleTimeout: "99999999999999999999d"'] }));
    expectUserError(r, /NumberFormatException: Time must be specified.*\n.*For input string: "99999999999999999999"/);
  });

  it("a periodicGC interval <= 0 is refused, as Spark's scheduleAtFixedRate refuses it", async () => {
    expectUserError(await dra(dir, "run", scenario("gc.yaml", { conf: ['  spark.cleaner.periodicGC.interval: "-1s"'] })), /spark\.cleaner\.periodicGC\.interval is invalid/);
  });

  it("maxExecutors: {} is an error, not a silently dropped key", async () => {
    expectUserError(await dra(dir, "run", scenario("empty.yaml", { conf: ["  spark.dynamicAllocation.maxExecutors: {}"] })), /an empty map sets no property/);
  });

  it("a misspelt key outside the DRA prefixes gets a did-you-mean warning", async () => {
    const r = await dra(dir, "run", scenario("typo.yaml", { conf: ['  spark.executorr.cores: "4"'] }), "--quiet");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: spark\.executorr\.cores .*did you mean spark\.executor\.cores\?/);
  });

  it("20,000 unknown keys give a screenful of errors, not megabytes", async () => {
    const r = await dra(dir, "run", scenario("unknown.yaml", { extra: Array.from({ length: 20_000 }, (_, i) => `zz${i}: 1`) }));
    expectUserError(r, /\(20000 problems\)[\s\S]*\.\.\. and 19950 more/);
    expect(r.stderr.length).toBeLessThan(20_000);
  });

  it("a JSON conf of 40,000 keys loads (duplicate keys are found with one set per map, not pairwise)", async () => {
    const conf = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`k${i}`, "v"]));
    const doc = { name: "t", conf: { ...conf, "spark.dynamicAllocation.enabled": "true", "spark.dynamicAllocation.shuffleTracking.enabled": "true" }, workload: { jobs: [{ stages: [{ id: 0, tasks: 1, taskDurationMs: 1 }] }] } };
    const path = join(dir, "keys.json");
    writeFileSync(path, JSON.stringify(doc));
    expect((await dra(dir, "run", path, "--quiet")).code).toBe(0);
    writeFileSync(path, JSON.stringify(doc).replace('"k1":"v"', '"k1":"v","k1":"w"'));
    expectUserError(await dra(dir, "run", path), /key "k1" is given twice/);
  });
});

describe("inputs without end", () => {
  it.skipIf(!existsSync("/dev/zero"))("a scenario, a job request or merge pointed at /dev/zero is refused, not read forever", async () => {
    const ok = scenario("zero-ok.yaml");
    for (const argv of [["run", "/dev/zero"], ["run", ok, "--job-request", "/dev/zero"], ["merge", "/dev/zero"]]) {
      expectUserError(await dra(dir, ...argv), /holds more than \d+ MiB \(or has no end, as \/dev\/zero\)/);
    }
  });
});

describe("event logs", () => {
  it("a log with 1e308 timestamps is exit 2 for replay and import, not an internal error", async () => {
    const log = new SyntheticLog().start({ "spark.master": "yarn", "spark.dynamicAllocation.enabled": "true", "spark.shuffle.service.enabled": "true" });
    log.executor("1", 1000);
    log.sequentialJob(0, { id: 0, tasks: 2 }, 2000, 1000);
    log.end(10_000);
    const text = log.lines.map((l) => JSON.stringify(l)).join("\n").replace(/"Submission Time":1700000002000/g, '"Submission Time":1e308');
    writeFileSync(join(dir, "huge-time.log"), text);
    for (const argv of [["replay", "huge-time.log"], ["import", "huge-time.log", "-o", "-"]]) {
      const r = await dra(dir, ...argv);
      expectUserError(r, /its workload cannot be simulated/);
      expect(r.stdout).toBe("");
    }
  });
});

describe("zip archives", () => {
  const log = (): Buffer => {
    const l = new SyntheticLog().start({ "spark.master": "yarn", "spark.dynamicAllocation.enabled": "true", "spark.shuffle.service.enabled": "true" });
    l.executor("1", 1000);
    l.sequentialJob(0, { id: 0, tasks: 2 }, 2000, 1000);
    l.end(10_000);
    return Buffer.from(l.lines.map((x) => JSON.stringify(x)).join("\n") + "\n");
  };

  it("an entry named with '..' or an absolute path is refused with exit 2 (yauzl's error was an internal error)", async () => {
    for (const [file, name, said] of [
      ["dotdot.zip", "../x", "invalid relative path: ../x"],
      ["inner.zip", "a/../../x", "invalid relative path: a/../../x"],
      ["absolute.zip", "/etc/x", "absolute path: /etc/x"],
    ] as const) {
      writeFileSync(join(dir, file), writeZip([{ name, data: log() }]));
      for (const argv of [["replay", file], ["import", file, "-o", "-"]]) {
        const r = await dra(dir, ...argv);
        expectUserError(r, new RegExp(`${file.replace(".", "\\.")}: the zip holds an entry refused for its name \\(${said.replace(/[.]/g, "\\.")}\\)`));
        expect(r.stdout).toBe("");
      }
    }
  });

  it("--zip-entry with '..' or an absolute path is refused with exit 2, and a plain name still reads", async () => {
    writeFileSync(join(dir, "two.zip"), writeZip([{ name: "a/app-1", data: log() }, { name: "b/app-2", data: log() }]));
    for (const [entry, said] of [["../x", 'has a ".." segment'], ["a/../b/app-2", 'has a ".." segment'], ["/etc/passwd", "is an absolute path"]] as const) {
      expectUserError(await dra(dir, "replay", "two.zip", "--zip-entry", entry), new RegExp(`two\\.zip: --zip-entry "${entry.replace(/[.]/g, "\\.")}" ${said}`));
    }
    const ok = await dra(dir, "replay", "two.zip", "--zip-entry", "b/app-2", "--quiet");
    expect(ok.code, ok.stderr).toBe(0);
  });
});
