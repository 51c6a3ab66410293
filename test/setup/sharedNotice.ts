import { HAS_SHARED, SHARED_MISSING_NOTICE } from "../helpers/sharedEventLogs.js";

/** Global setup: one line, once per run, when the tests that need `../shared` are skipped. */
export default function setup(): void {
  if (!HAS_SHARED) process.stderr.write(`${SHARED_MISSING_NOTICE}\n`);
}
