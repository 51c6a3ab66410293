import { ensureCompiledBuild } from "../sweep/compiledBuild.js";

/**
 * Global setup: brings `dist/` up to date once, before any test file runs. The tests that run
 * the compiled build (sweep workers, the CLI as a process, the fast-check-free entry) would
 * otherwise each start `tsc` on a stale build at the same time, and read files another one is
 * rewriting.
 */
export default function setup(): void {
  ensureCompiledBuild();
}
