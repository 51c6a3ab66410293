import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// What each command of the bundled CLI (dist/cli, scripts/bundle-cli.mjs) loads before its work
// starts: the chunks its module imports statically, read from the bundle's meta.json. The
// engine, the YAML library and the CSV libraries come behind dynamic imports, loaded when the
// work reaches them (start-up, issue 14; bench/measures/startup.mjs measures the time).
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

interface Output {
  readonly entryPoint?: string;
  readonly modules: readonly string[];
  readonly imports: readonly { readonly path: string; readonly kind: string }[];
}
const meta = JSON.parse(readFileSync(join(ROOT, "dist/cli/meta.json"), "utf8")) as { outputs: Record<string, Output> };

/** The output a module is the entry of (a command's module is the entry of its dynamic import). */
function outputOf(module: string): string {
  const found = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === module);
  if (found === undefined) throw new Error(`no output has ${module} as its entry`);
  return found[0];
}

/** The modules loaded with `output`: its own and those of every chunk it imports statically, transitively; with `dynamic`, also what it may load later. */
function modulesLoadedWith(output: string, dynamic = false): Set<string> {
  const seen = new Set<string>();
  const modules = new Set<string>();
  const queue = [output];
  while (queue.length > 0) {
    const o = queue.pop()!;
    if (seen.has(o)) continue;
    seen.add(o);
    const out = meta.outputs[o];
    if (out === undefined) throw new Error(`meta.json lists no output ${o}`);
    for (const m of out.modules) modules.add(m);
    for (const i of out.imports) if (i.kind === "import-statement" || dynamic) queue.push(i.path);
  }
  return modules;
}

const ENGINE = "dist/sim/spark/SparkApplication.js";
const isYaml = (m: string) => m.includes("node_modules/yaml/");
const isSeedrandom = (m: string) => m.includes("node_modules/seedrandom/");
const isCsv = (m: string) => /node_modules\/csv-(parse|stringify)\//.test(m);
const COMMANDS = ["run", "check", "replay", "import", "sweep", "merge", "explain"] as const;

describe("the bundled CLI loads each command's heavy modules only when its work reaches them", () => {
  it.each(COMMANDS)("%s: its module loads without the engine, yaml, seedrandom or the CSV libraries", (command) => {
    const output = outputOf(`dist/src/cli/commands/${command}.js`);
    const first = [...modulesLoadedWith(output)];
    expect(first).toContain(`dist/src/cli/commands/${command}.js`);
    expect(first.filter((m) => m === ENGINE || isYaml(m) || isSeedrandom(m) || isCsv(m))).toEqual([]);
    // The engine is behind a dynamic import, not gone (import only checks the workload's conf).
    expect(modulesLoadedWith(output, true).has(ENGINE)).toBe(true);
  });

  it("a scenario is read without yaml (JSON) and with it behind a dynamic import (YAML)", () => {
    const run = outputOf("dist/src/cli/commands/run.js");
    expect(modulesLoadedWith(run)).toContain("dist/src/scenario/loadScenario.js");
    expect([...modulesLoadedWith(run, true)].some(isYaml)).toBe(true);
  });

  it("the sweep CSV writer (merge loads it first, for the metadata's path) loads without the engine", () => {
    const csv = [...modulesLoadedWith(outputOf("dist/src/sweep/sweepCsv.js"))];
    expect(csv).toContain("dist/src/sweep/sweepCsv.js");
    expect(csv.filter((m) => m === ENGINE || m.startsWith("dist/sim/spark/"))).toEqual([]);
  });

  it("--version and --help load none of the commands' modules", () => {
    const main = [...modulesLoadedWith("main.js")];
    expect(main).toContain("dist/src/cli/main.js");
    expect(main.filter((m) => m.startsWith("dist/src/cli/commands/") || m.startsWith("dist/src/scenario/") || m.startsWith("dist/sim/spark/"))).toEqual([]);
  });
});
