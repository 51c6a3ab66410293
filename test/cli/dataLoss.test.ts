/** Nothing the user owns is lost: inputs never overwritten, one file never named twice, whole files or none. */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeOutputFile } from "../../src/cli/outputFile.js";
import { dra } from "../helpers/cli.js";
import { useTempDir } from "../helpers/tempDir.js";

const dir = useTempDir("dra-sim-data-loss");
const SCENARIO = ["name: t", "workload:", "  jobs:", "    - stages: [{ id: 0, tasks: 3, taskDurationMs: 100 }]", ""].join("\n");

function scenario(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, SCENARIO);
  return path;
}

describe("outputs that are inputs, or one file by two names", () => {
  it("--timeline in.yaml --force is refused and the input kept", async () => {
    const input = scenario("in.yaml");
    const r = await dra(dir, "run", "in.yaml", "--timeline", "in.yaml", "--force");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeline in\.yaml is the input file in\.yaml: writing it would destroy the input/);
    expect(readFileSync(input, "utf8")).toBe(SCENARIO);
    const report = await dra(dir, "run", "in.yaml", "--report", "./in.yaml", "--force");
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/--report \.\/in\.yaml is the input file in\.yaml/);
    expect(readFileSync(input, "utf8")).toBe(SCENARIO);
  });

  it("the input reached through another path or a symlink is refused too", async () => {
    scenario("in2.yaml");
    mkdirSync(join(dir, "sub"), { recursive: true });
    symlinkSync(join(dir, "in2.yaml"), join(dir, "sub", "link.yaml"));
    for (const out of ["./sub/../in2.yaml", "sub/link.yaml"]) {
      const r = await dra(dir, "run", "in2.yaml", "--json", out, "--force");
      expect(r.code, out).toBe(2);
      expect(readFileSync(join(dir, "in2.yaml"), "utf8")).toBe(SCENARIO);
    }
  });

  it("--timeline o/x.csv --events ./o/x.csv name one file: refused (paths were compared as strings)", async () => {
    scenario("s.yaml");
    mkdirSync(join(dir, "o"), { recursive: true });
    const r = await dra(dir, "run", "s.yaml", "--timeline", "o/x.csv", "--events", "./o/x.csv");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeline and --events name the same file/);
    expect(existsSync(join(dir, "o", "x.csv"))).toBe(false);
  });

  it("import refuses to write over its event log, sweep over its scenario", async () => {
    writeFileSync(join(dir, "app.log"), "not read\n");
    const imp = await dra(dir, "import", "app.log", "-o", "app.log", "--force");
    expect(imp.code).toBe(2);
    expect(readFileSync(join(dir, "app.log"), "utf8")).toBe("not read\n");
    scenario("sw.yaml");
    const sw = await dra(dir, "sweep", "sw.yaml", "--grid", "spark.executor.cores=1,2", "--out", "sw.yaml", "--force");
    expect(sw.code).toBe(2);
    expect(readFileSync(join(dir, "sw.yaml"), "utf8")).toBe(SCENARIO);
  });
});

describe("writeOutputFile", () => {
  it("a write that fails midway leaves the old file whole and no temporary file behind", async () => {
    const path = join(dir, "old.csv");
    writeFileSync(path, "old content\n");
    const err = await writeOutputFile(path, true, async (out) => {
      out.write("half of the new");
      await new Promise<void>((resolve) => out.end(() => resolve()));
      throw new Error("killed");
    }).catch((e: unknown) => e);
    expect((err as Error).message).toBe("killed");
    expect(readFileSync(path, "utf8")).toBe("old content\n");
    expect(readdirSync(dir).filter((f) => f.startsWith(".old.csv"))).toEqual([]);
  });

  it("a file created while the command ran is not overwritten without --force", async () => {
    const path = join(dir, "late.csv");
    const err = await writeOutputFile(path, false, async (out) => {
      writeFileSync(path, "someone else's\n"); // appears meanwhile
      await new Promise<void>((resolve) => out.end("ours\n", () => resolve()));
    }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/late\.csv: a file of this name was created while dra-sim ran; it was left as it is \(pass --force/);
    expect(readFileSync(path, "utf8")).toBe("someone else's\n");
    expect(readdirSync(dir).filter((f) => f.startsWith(".late.csv"))).toEqual([]);
  });

  it("with --force it is replaced, whole", async () => {
    const path = join(dir, "forced.csv");
    writeFileSync(path, "old\n");
    await writeOutputFile(path, true, (out) => new Promise((resolve) => out.end("new\n", () => resolve())));
    expect(readFileSync(path, "utf8")).toBe("new\n");
  });
});

describe("unwritable outputs are exit 2", () => {
  it("--timeline into a missing folder, as --events", async () => {
    scenario("m.yaml");
    for (const option of ["--timeline", "--events", "--json"]) {
      const r = await dra(dir, "run", "m.yaml", option, "no/such/dir/out.txt");
      expect(r.code, option).toBe(2);
      expect(r.stderr).toMatch(/directory .* does not exist/);
    }
  });

  it.skipIf(!existsSync("/dev/full"))("--timeline /dev/full (a full disk) is exit 2 naming the file", async () => {
    scenario("f.yaml");
    const r = await dra(dir, "run", "f.yaml", "--timeline", "/dev/full", "--force");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write \/dev\/full: .*ENOSPC/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
