import { safeParseSparkVersion, sparkVersionOf, SUPPORTED_VERSION_LINES, unreleasedPatchError, type SparkVersion } from "../../sim/conf/SparkVersion.js";

/** The version a replay simulates with, and why it differs from the logged one (if it does). */
export interface ModelVersionChoice {
  /** "3.1.1", "3.0", ...: `model`'s label, always accepted by `parseSparkVersion`. */
  readonly version: string;
  /** The version value the replay runs with. */
  readonly model: SparkVersion;
  readonly note: string | undefined;
}

/** The oldest line the model has: anything older is simulated with it. */
const OLDEST_LINE = SUPPORTED_VERSION_LINES[0];

function choice(model: SparkVersion, note: string | undefined): ModelVersionChoice {
  return { version: model.label, model, note };
}
const oldest = (note: string): ModelVersionChoice => choice(sparkVersionOf(OLDEST_LINE), note);

// What Spark 1.x/2.x did differently from the 3.0 model, in one sentence (spec §12 starts at
// 3.0; the older behaviour is from the 1.x/2.x ExecutorAllocationManager).
const PRE_3_POLICY =
  "1.x/2.x differ from it in that idle executors were removed one by one with only the minExecutors floor " +
  "(the target floor came with batched removal in 2.x), there was no executorAllocationRatio (2.4+) and no shuffle tracking " +
  "(DRA needed the external shuffle service), and a cached executor's timeout was fixed when it went idle";

const LEADING_VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?/;

/**
 * Maps `SparkListenerLogStart."Spark Version"` to a model version. Vendor suffixes are
 * dropped ("3.1.1.119" and "3.3.0-amzn-0" are 3.1.1 and 3.3.0); "2.5.0-SNAPSHOT" was the
 * development line that became 3.0; versions before 3.0, and logs without a version, use the
 * 3.0 model; a line newer than the model's newest uses the newest.
 */
export function modelSparkVersion(logged: string | undefined): ModelVersionChoice {
  if (logged === undefined) {
    return oldest(`the log has no SparkListenerLogStart (Spark 1.2 or a vendor log), so its version is unknown: simulated with the Spark ${OLDEST_LINE} model`);
  }
  const m = LEADING_VERSION.exec(logged.trim());
  if (m === null) {
    return oldest(`Spark version "${logged}" cannot be read: simulated with the Spark ${OLDEST_LINE} model`);
  }
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const label = m[3] === undefined ? `${major}.${minor}` : `${major}.${minor}.${m[3]}`;
  if (major === 2 && minor === 5 && /snapshot/i.test(logged)) {
    return oldest(`Spark ${logged} is a build of the branch that was released as 3.0: simulated with the Spark 3.0 model`);
  }
  if (major < 3) {
    return oldest(`Spark ${logged} is older than the model (3.0+): simulated with the Spark 3.0 model; ${PRE_3_POLICY}`);
  }
  const result = safeParseSparkVersion(label);
  if (!result.success) {
    const newest = SUPPORTED_VERSION_LINES[SUPPORTED_VERSION_LINES.length - 1]!;
    return choice(sparkVersionOf(newest), `Spark ${logged} is newer than the model's newest line: simulated with the Spark ${newest} model`);
  }
  const parsed = result.data;
  // A development build between releases ("3.1.0-SNAPSHOT": 3.1.0 was never released) runs its
  // line's code: simulated with the line, whose behaviour switches it shares.
  if (unreleasedPatchError(parsed) !== undefined) {
    return choice(sparkVersionOf(parsed.line), `Spark ${logged} is not a released version (a development build): simulated with the Spark ${parsed.line} model`);
  }
  // A vendor or snapshot suffix ("-amzn-0", ".119") changes nothing the model distinguishes.
  return choice(parsed, undefined);
}
