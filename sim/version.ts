/** The simulator's version, carried by every result (kept equal to package.json by a test). */
export const SIMULATOR_VERSION = "0.1.0";

/** Version of the result format (timeline columns, event records, summary fields). */
export const RESULT_FORMAT_VERSION = 1;
