/**
 * Worker threads run the compiled `dist/`, while vitest runs the TypeScript sources. A stale
 * build would make the worker runs differ from the in-thread runs for no fault of the pool,
 * so the tests that start workers first make sure `dist/` is at least as new as every source
 * file, and build it when it is not (CI's `npm ci` has built it already).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Source files whose compiled file is missing or older than them. */
export function staleFiles(): string[] {
  return ["sim", "src"].flatMap((top) =>
    sourceFiles(join(ROOT, top)).filter((ts) => {
      const js = join(ROOT, "dist", relative(ROOT, ts)).replace(/\.ts$/, ".js");
      return !existsSync(js) || statSync(js).mtimeMs < statSync(ts).mtimeMs;
    }),
  );
}

/** The files the CLI bundle (dist/cli, `scripts/bundle-cli.mjs`) is made from, beside the compiled sources. */
const BUNDLE_INPUTS = ["scripts/bundle-cli.mjs", "scripts/cli-code-cache.cjs", "bin/loadCli.js", "src/report/html/client/report.js", "package-lock.json"];
const BUNDLE = join(ROOT, "dist/cli/main.cjs");

/** Whether dist/cli is missing or older than a compiled file or another of its inputs. */
export function bundleStale(): boolean {
  if (!existsSync(BUNDLE)) return true;
  const built = statSync(BUNDLE).mtimeMs;
  const compiled = ["sim", "src"].flatMap((top) => sourceFiles(join(ROOT, top)).map((ts) => join(ROOT, "dist", relative(ROOT, ts)).replace(/\.ts$/, ".js")));
  return [...compiled, ...BUNDLE_INPUTS.map((f) => join(ROOT, f))].some((f) => existsSync(f) && statSync(f).mtimeMs > built);
}

/** Builds `dist/` (as `npm run build` does: tsc, then the CLI bundle) when any built file is missing or stale. */
export function ensureCompiledBuild(): void {
  if (staleFiles().length > 0) {
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8", timeout: 180_000 });
    // tsc emits even with type errors elsewhere in the tree; what matters is a fresh worker build.
    const stale = staleFiles();
    if (stale.length > 0) throw new Error(`npm run build did not refresh dist/ (${stale.length} stale, e.g. ${stale[0]}):\n${r.stdout}${r.stderr}`);
  }
  if (!bundleStale()) return;
  const r = spawnSync(process.execPath, [join(ROOT, "scripts/bundle-cli.mjs")], { cwd: ROOT, encoding: "utf8", timeout: 180_000 });
  if (r.status !== 0 || bundleStale()) throw new Error(`scripts/bundle-cli.mjs did not refresh dist/cli:\n${r.stdout}${r.stderr}`);
}
