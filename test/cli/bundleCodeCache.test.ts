import { spawnSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../helpers/tempDir.js";

// The bundled CLI is one CommonJS file (dist/cli/main.cjs, scripts/bundle-cli.mjs) that
// bin/loadCli.js compiles with V8's code cache of it, made by the build for each command's
// start-up and a small run (dist/cli/main.cjs.COMMAND.v8cache) and for --help (main.cjs.v8cache): start-up reads
// compiled code instead of compiling (issue 14; bench/measures/startup.mjs times it). A cache is used only with the bundle it was made from, and a cache V8 refuses
// costs nothing but the compile it would have saved.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const LOADER = join(ROOT, "bin/loadCli.js");
const BUNDLE = join(ROOT, "dist/cli/main.cjs");
const DIR = useTempDir("dra-sim-code-cache");

/** Loads the bundle at `bundle` as bin/dra-sim.js does, in a fresh node without V8 flags, runs `args` in-process; what it printed and whether V8 took the cache. */
function load(bundle: string, args: readonly string[]) {
  const script = `const { loadCli } = require(${JSON.stringify(LOADER)});
const { cli, cacheUsed } = loadCli({ bundle: ${JSON.stringify(bundle)}, args: ${JSON.stringify(args)} });
let out = "";
const io = { stdout: (t) => (out += t), stderr: (t) => (out += t), stderrIsTTY: false, stdoutIsTTY: false, cwd: process.cwd() };
cli.main(${JSON.stringify(args)}, io).then((code) => {
  const modules = process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => m.slice(13));
  console.log(JSON.stringify({ cacheUsed, code, out, modules }));
});`;
  const env = { ...process.env };
  delete env["NODE_OPTIONS"];
  const r = spawnSync(process.execPath, ["-e", script], { cwd: DIR, env, encoding: "utf8" });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as { cacheUsed: boolean; code: number; out: string; modules: string[] };
}

/** A copy of the bundle and its --help cache in the temp dir, the cache's bytes passed through `change`. */
function copyWithCache(name: string, change: (cache: Buffer) => Buffer): string {
  const bundle = join(DIR, `${name}.cjs`);
  copyFileSync(BUNDLE, bundle);
  writeFileSync(`${bundle}.v8cache`, change(readFileSync(`${BUNDLE}.v8cache`)));
  return bundle;
}

/** Bytes V8 refuses, after the right build id. */
const corrupted = (cache: Buffer) => Buffer.concat([cache.subarray(0, 64), Buffer.alloc(cache.length - 64, 7)]);

describe("the bundled CLI and its code cache", () => {
  it("V8 takes the caches the build made, and the CLI runs on them", () => {
    const r = load(BUNDLE, ["run", "missing.yaml"]);
    expect(r.cacheUsed).toBe(true);
    expect(r.code).toBe(2);
    expect(r.out).toContain("file not found: missing.yaml");
    for (const args of [["--help"], ["frobnicate"], ["check", "--help"], ["sweep", "missing.yaml", "--grid", "spark.executor.cores=1,2"]]) expect(load(BUNDLE, args).cacheUsed).toBe(true);
  });

  it("reads the cache of the command run, else the one made by --help", () => {
    const bundle = copyWithCache("per-command", corrupted);
    copyFileSync(`${BUNDLE}.run.v8cache`, `${bundle}.run.v8cache`);
    expect(load(bundle, ["--quiet", "run", "missing.yaml"]).cacheUsed).toBe(true);
    expect(load(bundle, ["--help"]).cacheUsed).toBe(false);
    expect(load(bundle, ["check", "missing.yaml"]).cacheUsed).toBe(false);
  });

  it("does not use the cache of another build of the bundle (its build id differs)", () => {
    const other = copyWithCache("other-build", (cache) => Buffer.concat([Buffer.from("0".repeat(64), "latin1"), cache.subarray(64)]));
    const r = load(other, ["run", "missing.yaml"]);
    expect(r.cacheUsed).toBe(false);
    expect(r.out).toContain("file not found: missing.yaml");
  });

  it("runs without the cache when V8 refuses it (corrupt data)", () => {
    const corrupt = copyWithCache("corrupt", corrupted);
    const r = load(corrupt, ["--help"]);
    expect(r.cacheUsed).toBe(false);
    expect(r.code).toBe(0);
    expect(r.out).toContain("dra-sim <command> [options]");
  });

  it("runs a module's top level only at its import(): run's first line loads neither zlib (event logs) nor worker_threads (sweeps)", () => {
    expect(load(BUNDLE, ["run", "missing.yaml"]).modules.filter((m) => m === "zlib" || m === "worker_threads")).toEqual([]);
    // What the check looks for is there: replay's first line loads the event-log readers, which load zlib.
    expect(load(BUNDLE, ["replay", "missing.log"]).modules).toContain("zlib");
  });
});
