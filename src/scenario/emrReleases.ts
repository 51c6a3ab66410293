/**
 * Amazon EMR release -> the Apache Spark version it ships (EMR builds it as "x.y.z-amzn-n").
 * Only releases whose Spark version was checked are listed; each row says where. Sources:
 * the EMR Release Guide "Spark release history" table, the EMR on EKS release pages
 * ("Supported applications"), and the EMR Serverless release pages (same EMR releases).
 */
export const EMR_RELEASE_SPARK_VERSIONS: Readonly<Record<string, string>> = {
  "5.32.0": "2.4.7", // EMR on EKS 5.32.0 page: Spark 2.4.7-amzn-0
  "6.2.0": "3.0.1", // first EMR on EKS 6.x release; the seed request's release
  "6.3.0": "3.1.1", // aws/sagemaker-spark-container PR #61 "spark 3.1.1 (emr 6.3.0)"
  "6.4.0": "3.1.2", // not found in the stored docs; known from the release notes (3.1.2-amzn-0)
  "6.5.0": "3.1.2", // not found in the stored docs; known from the release notes (3.1.2-amzn-1)
  "6.6.0": "3.2.0", // EMR Serverless 6.6.0 page
  "6.7.0": "3.2.1", // not found in the stored docs; known from the release notes (3.2.1-amzn-0)
  "6.8.0": "3.3.0", // EMR Serverless 6.8.0 page
  "6.9.0": "3.3.0", // EMR on EKS 6.9.0 page: Spark 3.3.0-amzn-1
  "6.10.0": "3.3.1", // EMR on EKS 6.10.0 page; EMR Serverless 6.10.0 page
  "6.11.0": "3.3.2", // EMR on EKS 6.11.0 page
  "6.12.0": "3.4.0", // EMR Serverless 6.12.0 page
  "6.13.0": "3.4.1", // EMR Serverless 6.13.0 page
  "6.14.0": "3.4.1", // EMR Serverless 6.14.0 page
  "6.15.0": "3.4.1", // EMR Serverless 6.15.0 page
  "7.0.0": "3.5.0", // EMR Serverless 7.0.0 page
  "7.1.0": "3.5.0", // EMR Serverless 7.1.0 page
  "7.2.0": "3.5.1", // not found in the stored docs; known from the release notes (3.5.1-amzn-0)
  "7.3.0": "3.5.1", // EMR Serverless 7.3.0 page
  "7.4.0": "3.5.2", // EMR on EKS 7.4.0 page; EMR Serverless 7.4.0 page
  "7.5.0": "3.5.2", // EMR Serverless 7.5.0 page
  "7.6.0": "3.5.3", // EMR Serverless 7.6.0 page
  "7.7.0": "3.5.3", // EMR Serverless 7.7.0 page
  "7.8.0": "3.5.4", // Spark release history; EMR Serverless 7.8.0 page
  "7.9.0": "3.5.5", // Spark release history; EMR Serverless 7.9.0 page
  "7.10.0": "3.5.5", // Spark release history (3.5.5-amzn-1)
  "7.11.0": "3.5.6", // Spark release history (3.5.6-amzn-0)
  "7.12.0": "3.5.6", // Spark release history (3.5.6-amzn-1)
  "7.13.0": "3.5.6", // Spark release history (3.5.6-amzn-2)
};

// emr-6.2.0-latest, emr-6.10.0-20230624, emr-6.14.0-java17-al2023-latest, notebook-spark/emr-6.10.0-latest
const LABEL_RE = /(?:^|\/)emr-(\d+)\.(\d+)\.(\d+)(?:-|$)/;

export type EmrReleaseLookup =
  | { readonly kind: "known"; readonly release: string; readonly sparkVersion: string; readonly note?: string }
  /** A release whose Spark line the model cannot run (EMR 5.x ships Spark 2.x). */
  | { readonly kind: "unsupported"; readonly release: string; readonly reason: string }
  | { readonly kind: "unknown"; readonly reason: string };

/**
 * The Spark version of an EMR release label. A patch release missing from the table
 * (emr-6.10.1) uses its x.y.0 row: EMR patch releases keep the Spark version line.
 */
export function sparkVersionOfEmrRelease(label: string): EmrReleaseLookup {
  const m = LABEL_RE.exec(label.trim());
  if (m === null) return { kind: "unknown", reason: `${JSON.stringify(label)} is not an EMR release label (expected e.g. "emr-6.2.0-latest")` };
  const release = `${m[1]}.${m[2]}.${m[3]}`;
  const exact = EMR_RELEASE_SPARK_VERSIONS[release];
  if (exact !== undefined) return { kind: "known", release, sparkVersion: exact };
  const line = EMR_RELEASE_SPARK_VERSIONS[`${m[1]}.${m[2]}.0`];
  if (line !== undefined) {
    return { kind: "known", release, sparkVersion: line, note: `emr-${release} is not in the release table; using emr-${m[1]}.${m[2]}.0's Spark ${line}` };
  }
  if (Number(m[1]) <= 5) return { kind: "unsupported", release, reason: `EMR ${m[1]}.x releases ship Spark 2.x or older` };
  return { kind: "unknown", reason: `EMR release ${release} is not in this simulator's release table` };
}
