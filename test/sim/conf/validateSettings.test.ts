import { describe, expect, it } from "vitest";
import { safeParseConf } from "../../../sim/conf/parseConf.js";
import { validateSettings } from "../../../sim/conf/validateSettings.js";
import { parseSparkVersion } from "../../../sim/conf/SparkVersion.js";
import { sparkConf } from "../../helpers/builders.js";

const errors = (raw: Record<string, string>, version = "3.5"): string[] =>
  validateSettings(sparkConf({ "spark.dynamicAllocation.enabled": "true", ...raw }, version)).map((e) => e.message);

describe("validateSettings: Spark's start-up checks (spec §9), in Spark's order", () => {
  it("min or max negative", () => {
    expect(errors({ "spark.dynamicAllocation.minExecutors": "-1" })[0]).toBe(
      "spark.dynamicAllocation.minExecutors and spark.dynamicAllocation.maxExecutors must be positive!",
    );
  });

  it("max 0", () => {
    expect(errors({ "spark.dynamicAllocation.maxExecutors": "0" })[0]).toBe("spark.dynamicAllocation.maxExecutors cannot be 0!");
  });

  it("min > max", () => {
    expect(errors({ "spark.dynamicAllocation.minExecutors": "5", "spark.dynamicAllocation.maxExecutors": "3" })[0]).toBe(
      "spark.dynamicAllocation.minExecutors (5) must be less than or equal to spark.dynamicAllocation.maxExecutors (3)!",
    );
  });

  it("backlog timeouts of 0 after truncation to seconds (500ms), with Spark's doubled 's' for the sustained one", () => {
    expect(errors({ "spark.dynamicAllocation.schedulerBacklogTimeout": "500ms", "spark.dynamicAllocation.sustainedSchedulerBacklogTimeout": "1s" })).toEqual([
      "spark.dynamicAllocation.schedulerBacklogTimeout must be > 0!",
    ]);
    expect(errors({ "spark.dynamicAllocation.sustainedSchedulerBacklogTimeout": "0s" })).toEqual([
      "sspark.dynamicAllocation.sustainedSchedulerBacklogTimeout must be > 0!",
    ]);
  });

  it("the seed's case: tracking off and no shuffle service, 3.0-3.4 wording", () => {
    const off = { "spark.dynamicAllocation.shuffleTracking.enabled": "false" };
    for (const version of ["3.0.1", "3.3", "3.4"]) {
      expect(errors(off, version)).toEqual([
        "Dynamic allocation of executors requires the external shuffle service. You may enable this through spark.shuffle.service.enabled.",
      ]);
    }
  });

  it("the same case in 3.5+ names the four ways (SPARK-44727)", () => {
    expect(errors({ "spark.dynamicAllocation.shuffleTracking.enabled": "false" }, "3.5")[0]).toMatch(
      /^Dynamic allocation of executors requires one of the following conditions: 1\) enabling external shuffle service through spark\.shuffle\.service\.enabled\. 2\) enabling shuffle tracking/,
    );
  });

  it("the shuffle-data requirement is met by the service, by tracking, by decommissioning with shuffle-block migration (3.1+), or by testing", () => {
    const off = { "spark.dynamicAllocation.shuffleTracking.enabled": "false" };
    expect(errors({ ...off, "spark.shuffle.service.enabled": "true" })).toEqual([]);
    expect(errors({ ...off, "spark.decommission.enabled": "true" }, "3.4")).toEqual([]);
    expect(errors({ ...off, "spark.decommission.enabled": "true", "spark.storage.decommission.shuffleBlocks.enabled": "true" }, "3.0")).toHaveLength(1);
    expect(errors({ ...off, "spark.dynamicAllocation.testing": "true" })).toEqual([]);
  });

  it("allocation ratio outside (0, 1]", () => {
    expect(errors({ "spark.dynamicAllocation.executorAllocationRatio": "1.5" })).toEqual(["spark.dynamicAllocation.executorAllocationRatio must be > 0 and <= 1.0"]);
    expect(errors({ "spark.dynamicAllocation.executorAllocationRatio": "0" })).toEqual(["spark.dynamicAllocation.executorAllocationRatio must be > 0 and <= 1.0"]);
  });

  it("YARN/Kubernetes backends require min <= initial <= max (initial > max is a start-up failure)", () => {
    expect(errors({ "spark.dynamicAllocation.maxExecutors": "4", "spark.executor.instances": "8" })).toEqual([
      "requirement failed: initial executor number 8 must between min executor number 0 and max executor number 4",
    ]);
  });

  it("task cpus above executor cores", () => {
    expect(errors({ "spark.executor.cores": "2", "spark.task.cpus": "4" })).toEqual(["The number of cores per executor (=2) has to be >= the number of cpus per task = 4."]);
  });

  it("a valid conf passes, and static allocation skips the allocation manager's checks", () => {
    expect(errors({})).toEqual([]);
    const r = safeParseConf({ "spark.dynamicAllocation.maxExecutors": "0" }, parseSparkVersion("3.5"));
    expect(r.success && validateSettings(r.data.conf)).toEqual([]);
  });
});
