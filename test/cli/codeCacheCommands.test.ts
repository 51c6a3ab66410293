import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

// bin/loadCli.js reads dist/cli/main.cjs.COMMAND.v8cache for a command, else the cache made by
// --help: a command without its own cache would start from --help's, silently slower.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const { RUNS } = createRequire(import.meta.url)(join(ROOT, "scripts/cli-code-cache.cjs")) as { RUNS: Record<string, string[][]> };

/** The commands main registers, as its --help lists them. */
async function commands(): Promise<string[]> {
  let out = "";
  const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t), stderrIsTTY: false, cwd: ROOT };
  expect(await main(["--help"], io)).toBe(0);
  return [...out.matchAll(/^ {2}dra-sim ([a-z]+) /gm)].map((m) => m[1] ?? "");
}

describe("the CLI's code caches (scripts/cli-code-cache.cjs)", () => {
  it("are made for every command main registers, from its first line", async () => {
    const names = await commands();
    expect(names).toContain("run");
    expect(Object.keys(RUNS).sort()).toEqual([...names].sort());
    for (const name of names) {
      expect(RUNS[name]?.[0]?.[0]).toBe(name);
      expect({ name, built: existsSync(join(ROOT, `dist/cli/main.cjs.${name}.v8cache`)) }).toEqual({ name, built: true });
    }
  });
});
