/**
 * Where a job's Spark properties come from, lowest precedence first:
 *   1. spark-defaults properties of the job request (`configurationOverrides`),
 *   2. `--conf` in the request's sparkSubmitParameters,
 *   3. `--num-executors`, `--executor-cores`, `--executor-memory` there (spark-submit's own
 *      options win over `--conf`: `SparkSubmitArguments.loadEnvironmentArguments`),
 *   4. the scenario's `conf`,
 *   5. the CLI's `--conf`.
 * Layers 1-3 are merged when the request is read (`ParsedJobRequest.conf`).
 */

/** Later layers win; key order is first appearance. Own keys only, so "__proto__" is a plain key. */
export function mergeConfLayers(...layers: ReadonlyArray<Readonly<Record<string, string>> | undefined>): Record<string, string> {
  const out = new Map<string, string>();
  for (const layer of layers) {
    if (layer === undefined) continue;
    for (const [k, v] of Object.entries(layer)) out.set(k, v);
  }
  return Object.fromEntries(out);
}

/** The request's properties (layers 1-3) under the scenario's `conf` (layer 4). */
export function mergeJobRequestConf(
  request: { readonly conf: Readonly<Record<string, string>> } | undefined,
  scenarioConf: Readonly<Record<string, string>>,
): Record<string, string> {
  return mergeConfLayers(request?.conf, scenarioConf);
}

export interface EmrSparkDefaultsOverrides {
  readonly applicationConfiguration: readonly [
    { readonly classification: "spark-defaults"; readonly properties: Readonly<Record<string, string>> },
  ];
}

/**
 * Properties as the `configurationOverrides` of a StartJobRun request, ready to paste into
 * one (a recommendation prints this). Keys are sorted so the output is stable.
 */
export function formatEmrSparkDefaults(conf: Readonly<Record<string, string>>): EmrSparkDefaultsOverrides {
  const properties = Object.fromEntries(Object.entries(conf).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { applicationConfiguration: [{ classification: "spark-defaults", properties }] };
}
