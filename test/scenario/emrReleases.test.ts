import { describe, expect, it } from "vitest";
import { safeParseSparkVersion } from "../../sim/conf/SparkVersion.js";
import { EMR_RELEASE_SPARK_VERSIONS, sparkVersionOfEmrRelease } from "../../src/scenario/index.js";

describe("sparkVersionOfEmrRelease", () => {
  it.each([
    ["emr-6.2.0-latest", "3.0.1"],
    ["emr-6.2.0-20210129", "3.0.1"],
    ["emr-6.10.0-java11-latest", "3.3.1"],
    ["notebook-spark/emr-6.10.0-latest", "3.3.1"],
    ["emr-7.0.0", "3.5.0"],
  ])("%s -> Spark %s", (label, version) => {
    expect(sparkVersionOfEmrRelease(label)).toEqual({ kind: "known", release: label.replace(/^.*emr-(\d+\.\d+\.\d+).*$/, "$1"), sparkVersion: version });
  });

  it("a patch release missing from the table uses its x.y.0 row, with a note", () => {
    expect(sparkVersionOfEmrRelease("emr-6.10.1")).toEqual({
      kind: "known",
      release: "6.10.1",
      sparkVersion: "3.3.1",
      note: "emr-6.10.1 is not in the release table; using emr-6.10.0's Spark 3.3.1",
    });
  });

  it("EMR 5.x is Spark 2, which the model does not run", () => {
    expect(sparkVersionOfEmrRelease("emr-5.36.0-latest").kind).toBe("unsupported");
  });

  it("unknown releases and labels are unknown", () => {
    expect(sparkVersionOfEmrRelease("emr-9.0.0-latest").kind).toBe("unknown");
    expect(sparkVersionOfEmrRelease("spark-3.5").kind).toBe("unknown");
    expect(sparkVersionOfEmrRelease("myemr-6.2.0").kind).toBe("unknown");
  });

  it("every EMR 6.x/7.x row is a Spark version the model runs", () => {
    for (const [release, spark] of Object.entries(EMR_RELEASE_SPARK_VERSIONS)) {
      if (release.startsWith("5.")) continue;
      expect(safeParseSparkVersion(spark), `emr-${release}`).toMatchObject({ success: true });
    }
  });
});
