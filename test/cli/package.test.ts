import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** The files `npm pack` would put in the package (without running the build). */
function packedFiles(): string[] {
  const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
  expect(r.status).toBe(0);
  return (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
}

describe("the npm package", () => {
  it("ships the CLI bundle but not its source map, which nothing reads (bin/loadCli.js runs the bundle as a vm.Script, where --enable-source-maps does not apply)", () => {
    const files = packedFiles();
    expect(files).toContain("bin/dra-sim.js");
    expect(files).toContain("dist/cli/main.cjs");
    expect(files).toContain("dist/cli/worker.js.map");
    expect(files).not.toContain("dist/cli/main.cjs.map");
  });
});
