/**
 * What the engine handles, checked up front (scenario validation, conf resolution) so that an
 * input past them is refused with a message naming the limit instead of running out of memory
 * or time. Documented in README.md ("Limits").
 */

/**
 * Tasks in one scenario (all stages): each costs the engine about 15 bytes and a few µs, so
 * 20 million take about 300 MB and a minute or two.
 */
export const MAX_TOTAL_TASKS = 20_000_000;

/**
 * Executors one run may ask for at once: static instances, or what dynamic allocation can reach
 * (min, initial, and max as far as the tasks could use them). 300,000 executors take minutes.
 */
export const MAX_EXECUTORS = 20_000;

/** Simulated time: a run still going after 30 days stops with an error naming this limit. */
export const MAX_SIMULATED_MS = 30 * 24 * 3600 * 1000;
