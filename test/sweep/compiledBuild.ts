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

/** Builds `dist/` (as `npm run build` does) when any compiled file is missing or stale. */
export function ensureCompiledBuild(): void {
  if (staleFiles().length === 0) return;
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8", timeout: 180_000 });
  // tsc emits even with type errors elsewhere in the tree; what matters is a fresh worker build.
  const stale = staleFiles();
  if (stale.length > 0) throw new Error(`npm run build did not refresh dist/ (${stale.length} stale, e.g. ${stale[0]}):\n${r.stdout}${r.stderr}`);
}
