import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { AllocationDecision } from "../../../sim/spark/ListenerTraceRecorder.js";
import type { DecisionTrace } from "./decisionTrace.js";

/** Where oracle/setup.sh puts the pyspark virtual environments and build.sh the compiled program. */
export function oracleHome(): string {
  return process.env["DRA_SIM_ORACLE_HOME"] ?? join(homedir(), ".cache", "dra-sim-oracle");
}

/** Versions with a compiled `SparkDecisions` (oracle/differential/build.sh), in directory order. */
export function builtDir(version: string): string {
  return join(oracleHome(), "differential", version);
}

/**
 * One long-lived JVM running `oracle/differential/SparkDecisions.java` against one Spark
 * version's jars: a trace in, Spark's decisions out, one JSON line each way.
 */
export class SparkDecisionsProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, { resolve: (d: AllocationDecision[]) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private stderrTail = "";
  private exited: Error | undefined;

  constructor(readonly version: string) {
    const dir = builtDir(version);
    const jarsFile = join(dir, "jars.path");
    if (!existsSync(jarsFile)) {
      throw new Error(`Spark ${version}: no compiled SparkDecisions in ${dir}; run oracle/differential/build.sh ${version} (it needs javac and oracle/setup.sh's venv-${version})`);
    }
    const jars = readFileSync(jarsFile, "utf8").trim();
    const classpath = [dir, join(jars, "*")].join(":");
    this.child = spawn("java", ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss4m", "-cp", classpath, "dra.oracle.SparkDecisions"], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.on("error", (e) => this.fail(new Error(`Spark ${version}: could not start java (${e.message}); install Java 17 (apt-get install -y openjdk-17-jre-headless)`)));
    this.child.on("exit", (code) => this.fail(new Error(`Spark ${version}: the JVM exited (code ${code}); its last output:\n${this.stderrTail}`)));
    this.child.stderr.on("data", (b: Buffer) => {
      this.stderrTail = (this.stderrTail + b.toString("utf8")).slice(-4000);
    });
    createInterface({ input: this.child.stdout }).on("line", (line) => this.onLine(line));
  }

  private fail(e: Error): void {
    this.exited ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  private onLine(line: string): void {
    const reply = JSON.parse(line) as { id: number; decisions?: AllocationDecision[]; error?: string };
    const w = this.waiting.get(reply.id);
    if (w === undefined) return;
    this.waiting.delete(reply.id);
    if (reply.error !== undefined) w.reject(new Error(`Spark ${this.version} refused the trace:\n${reply.error}`));
    else w.resolve(reply.decisions ?? []);
  }

  /** Spark's decisions for the trace's events under its conf. */
  decide(trace: Pick<DecisionTrace, "conf" | "events">): Promise<AllocationDecision[]> {
    if (this.exited !== undefined) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, conf: trace.conf, events: trace.events })}\n`);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once("exit", () => resolve());
      this.child.stdin.end();
    });
  }
}
