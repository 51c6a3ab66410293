/**
 * The Kubernetes manifests of docs/sweep-on-kubernetes.md, checked and played locally: each
 * pod's args (with its completion index) through the CLI, then the merge step, against one
 * unsharded run of the same sweep.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { useTempDir } from "../helpers/tempDir.js";
import { sweepCli } from "./sweepCli.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const dir = useTempDir("dra-sim-k8s");

interface Container {
  args: string[];
  command?: string[];
}
interface JobManifest {
  kind: string;
  spec: { completionMode?: string; completions?: number; parallelism?: number; template: { spec: { restartPolicy: string; containers: Container[] } } };
}

function manifest(name: string): JobManifest {
  return parse(readFileSync(join(ROOT, "k8s", name), "utf8")) as JobManifest;
}

/** The pod's paths on this machine: the ConfigMap's files from the repository, the volume in a temp dir. */
function local(arg: string): string {
  return arg
    .replace("/input/seed-trip-count.yaml", join(ROOT, "scenarios/seed-trip-count.yaml"))
    .replace("/input/spark-python-in-s3-dra.json", join(ROOT, "scenarios/emr-on-eks/spark-python-in-s3-dra.json"))
    .replace("/results/", `${dir}/`);
}

/** Args as the pod of `index` gets them, run in this thread. */
function podArgs(container: Container, index: number): string[] {
  const args = container.args.map((a) => local(a.replaceAll("$(JOB_COMPLETION_INDEX)", String(index))));
  const w = args.indexOf("--workers");
  if (w >= 0) args.splice(w, 2, "--workers", "1");
  return args;
}

describe("k8s manifests", () => {
  it("are Indexed Jobs whose completions match the n of --shard $(JOB_COMPLETION_INDEX)/n", () => {
    const files = readdirSync(join(ROOT, "k8s")).filter((f) => f.endsWith(".yaml"));
    expect(files.sort()).toEqual(["sweep-job-stdout.yaml", "sweep-job.yaml", "sweep-merge-job.yaml", "sweep-results-pvc.yaml"]);
    for (const name of ["sweep-job.yaml", "sweep-job-stdout.yaml"]) {
      const job = manifest(name);
      expect(job.kind).toBe("Job");
      expect(job.spec.completionMode).toBe("Indexed");
      expect(job.spec.template.spec.restartPolicy).toBe("Never");
      const args = job.spec.template.spec.containers[0]!.args;
      const shard = args[args.indexOf("--shard") + 1];
      expect(shard).toBe(`$(JOB_COMPLETION_INDEX)/${job.spec.completions}`);
      expect(job.spec.parallelism).toBeLessThanOrEqual(job.spec.completions!);
    }
  });

  it("merge to what one unsharded sweep gives", async () => {
    const job = manifest("sweep-job.yaml");
    const container = job.spec.template.spec.containers[0]!;
    for (let i = 0; i < job.spec.completions!; i++) {
      const r = await sweepCli(dir, podArgs(container, i));
      expect(r.error).toBeUndefined();
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).toBe("");
    }
    const mergeLine = manifest("sweep-merge-job.yaml").spec.template.spec.containers[0]!.args[0]!;
    const mergeArgs = mergeLine.replace("node /app/bin/dra-sim.js ", "").split(" ");
    const glob = mergeArgs.findIndex((a) => a.includes("*"));
    const shards = Array.from({ length: job.spec.completions! }, (_, i) => `${dir}/shard-${i}.csv`);
    mergeArgs.splice(glob, 1, ...shards);
    const merged = await sweepCli(dir, mergeArgs.map(local));
    expect(merged.code).toBe(0);

    const unsharded = podArgs(container, 0).filter((a, i, all) => a !== "--quiet" && a !== "--force" && all[i - 1] !== "--shard" && a !== "--shard" && all[i - 1] !== "--out" && a !== "--out");
    const whole = await sweepCli(dir, [...unsharded, "--out", "whole.csv"]);
    expect(whole.code).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
    expect(readFileSync(join(dir, "sweep.csv"), "utf8")).toBe(readFileSync(join(dir, "whole.csv"), "utf8"));
  });

  it("run the same sweep when the shards print to stdout for kubectl logs", () => {
    const withVolume = manifest("sweep-job.yaml").spec.template.spec.containers[0]!.args;
    const withStdout = manifest("sweep-job-stdout.yaml").spec.template.spec.containers[0]!.args;
    const sweepPart = (args: string[]) => args.slice(0, args.indexOf("--out") < 0 ? args.indexOf("--out=-") : args.indexOf("--out"));
    expect(sweepPart(withStdout)).toEqual(sweepPart(withVolume));
    expect(withStdout.slice(-2)).toEqual(["--out=-", "--quiet"]);
  });
});

describe("docs/sweep-on-kubernetes.md", () => {
  it("shows the manifests exactly as they are in k8s/", () => {
    const doc = readFileSync(join(ROOT, "docs/sweep-on-kubernetes.md"), "utf8");
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toContain(readFileSync(join(ROOT, "k8s/sweep-job.yaml"), "utf8"));
    expect(blocks).toContain(readFileSync(join(ROOT, "k8s/sweep-merge-job.yaml"), "utf8"));
  });
});
