import { describe, expect, it } from "vitest";
import { formatEmrSparkDefaults, mergeConfLayers, mergeJobRequestConf, validateEmrJobRequest } from "../../src/scenario/index.js";

describe("conf layers", () => {
  it("request < scenario conf < CLI --conf", () => {
    const request = { conf: { "spark.a": "request", "spark.b": "request", "spark.c": "request" } };
    const scenario = { "spark.b": "scenario", "spark.c": "scenario" };
    const cli = { "spark.c": "cli" };
    expect(mergeJobRequestConf(request, scenario)).toEqual({ "spark.a": "request", "spark.b": "scenario", "spark.c": "scenario" });
    expect(mergeConfLayers(request.conf, scenario, cli)).toEqual({ "spark.a": "request", "spark.b": "scenario", "spark.c": "cli" });
    expect(mergeJobRequestConf(undefined, scenario)).toEqual(scenario);
  });
});

describe("formatEmrSparkDefaults", () => {
  it("gives the configurationOverrides shape, keys sorted", () => {
    expect(formatEmrSparkDefaults({ "spark.dynamicAllocation.maxExecutors": "20", "spark.dynamicAllocation.enabled": "true" })).toEqual({
      applicationConfiguration: [{ classification: "spark-defaults", properties: { "spark.dynamicAllocation.enabled": "true", "spark.dynamicAllocation.maxExecutors": "20" } }],
    });
  });

  it("reads back as the same conf in a request", () => {
    const conf = { "spark.dynamicAllocation.enabled": "true", "spark.dynamicAllocation.minExecutors": "2" };
    const r = validateEmrJobRequest({
      releaseLabel: "emr-6.2.0-latest",
      jobDriver: { sparkSubmitJobDriver: { entryPoint: "x.py" } },
      configurationOverrides: JSON.parse(JSON.stringify(formatEmrSparkDefaults(conf))) as unknown,
    });
    expect(r.success && r.data.conf).toEqual(conf);
  });
});
