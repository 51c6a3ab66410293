/** Decoding of real lines (from shared/spec/eventlog-format.md section 6 and the logs) into typed events. */
import { describe, expect, it } from "vitest";
import {
  type EventLogWarning,
  type SparkEvent,
  decodeEvent,
  isCachedStorageLevel,
} from "../../src/eventlog/index.js";

function decode(line: string, warnings: EventLogWarning[] = []): SparkEvent | undefined {
  const json = JSON.parse(line) as Record<string, unknown>;
  return decodeEvent({ part: "log", line: 7, eventName: String(json["Event"]), json }, (w) => warnings.push(w));
}

function decodeAs<N extends SparkEvent["event"]>(name: N, line: string): Extract<SparkEvent, { event: N }> {
  const event = decode(line);
  if (event?.event !== name) throw new Error(`expected ${name}, got ${event?.event}`);
  return event as Extract<SparkEvent, { event: N }>;
}

describe("decodeEvent", () => {
  it("returns undefined, without warnings, for events outside the union", () => {
    const warnings: EventLogWarning[] = [];
    expect(decode('{"Event":"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart","executionId":0}', warnings)).toBeUndefined();
    expect(decode('{"Event":"org.apache.spark.scheduler.SparkListenerExecutorBlacklisted","time":1,"executorId":"2","taskFailures":4}', warnings)).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it("warns with the line number and skips a known event missing a required field", () => {
    const warnings: EventLogWarning[] = [];
    expect(decode('{"Event":"SparkListenerExecutorAdded","Timestamp":1,"Executor ID":"3","Executor Info":{"Host":"h"}}', warnings)).toBeUndefined();
    expect(decode('{"Event":"SparkListenerTaskEnd","Stage ID":"zero","Task Info":{}}', warnings)).toBeUndefined();
    expect(warnings).toEqual([
      {
        code: "missing-field",
        part: "log",
        line: 7,
        message: 'log line 7: SparkListenerExecutorAdded skipped: missing "Executor Info"."Total Cores"',
      },
      {
        code: "missing-field",
        part: "log",
        line: 7,
        message: 'log line 7: SparkListenerTaskEnd skipped: missing "Task Info"."Task ID"',
      },
    ]);
  });

  it("skips, with a warning naming the line and the allowed range, counts and indices that would size or index storage wrongly", () => {
    const stage = (tasks: unknown) =>
      `{"Event":"SparkListenerStageSubmitted","Stage Info":{"Stage ID":0,"Stage Attempt ID":0,"Stage Name":"s","Number of Tasks":${JSON.stringify(tasks)},"RDD Info":[],"Parent IDs":[]}}`;
    for (const bad of [-1, 2.5, 2 ** 31, 1e300, "16"]) {
      const warnings: EventLogWarning[] = [];
      expect(decode(stage(bad), warnings)).toBeUndefined();
      expect(warnings).toEqual([
        {
          code: "missing-field",
          part: "log",
          line: 7,
          message: `log line 7: SparkListenerStageSubmitted skipped: "Stage Info"."Number of Tasks" should be a whole number from 0 to 2147483647 (a Java int), found ${typeof bad === "string" ? '"16"' : String(bad)}`,
        },
      ]);
    }
    // 1e9 is a valid Java int: decoded (extraction caps what it cannot have seen).
    expect(decodeAs("SparkListenerStageSubmitted", stage(1e9)).stageInfo.numTasks).toBe(1e9);

    const taskEnd = (index: unknown) =>
      `{"Event":"SparkListenerTaskEnd","Stage ID":0,"Stage Attempt ID":0,"Task Type":"ResultTask","Task End Reason":{"Reason":"Success"},` +
      `"Task Info":{"Task ID":1,"Index":${JSON.stringify(index)},"Attempt":0,"Launch Time":1,"Executor ID":"1","Host":"h","Finish Time":5}}`;
    const warnings: EventLogWarning[] = [];
    expect(decode(taskEnd(-3), warnings)).toBeUndefined();
    expect(decode(taskEnd(0.5), warnings)).toBeUndefined();
    expect(warnings.map((w) => w.message)).toEqual([
      'log line 7: SparkListenerTaskEnd skipped: "Task Info"."Index" should be a whole number from 0 to 2147483647 (a Java int), found -3',
      'log line 7: SparkListenerTaskEnd skipped: "Task Info"."Index" should be a whole number from 0 to 2147483647 (a Java int), found 0.5',
    ]);
    expect(decodeAs("SparkListenerTaskEnd", taskEnd(3)).task.index).toBe(3);
    const cores: EventLogWarning[] = [];
    expect(decode('{"Event":"SparkListenerExecutorAdded","Timestamp":1,"Executor ID":"3","Executor Info":{"Host":"h","Total Cores":1.5}}', cores)).toBeUndefined();
    expect(cores[0]?.message).toMatch(/"Executor Info"."Total Cores" should be a whole number/);
  });

  it("decodes LogStart, ApplicationStart/End and the environment", () => {
    expect(decodeAs("SparkListenerLogStart", '{"Event":"SparkListenerLogStart","Spark Version":"3.2.1"}').sparkVersion).toBe("3.2.1");
    expect(
      decodeAs("SparkListenerApplicationStart", '{"Event":"SparkListenerApplicationStart","App Name":"Spark shell","App ID":"application_1_0493","Timestamp":1727965992605,"User":"user1","App Attempt ID":"1"}'),
    ).toMatchObject({ appId: "application_1_0493", appAttemptId: "1", timestampMs: 1727965992605, user: "user1", line: 7 });
    expect(decodeAs("SparkListenerApplicationEnd", '{"Event":"SparkListenerApplicationEnd","Timestamp":1727966197896}').timestampMs).toBe(1727966197896);
    const env = decodeAs(
      "SparkListenerEnvironmentUpdate",
      '{"Event":"SparkListenerEnvironmentUpdate","JVM Information":{},"Spark Properties":{"spark.dynamicAllocation.enabled":"true","spark.dynamicAllocation.executorIdleTimeout":"10s"},"Hadoop Properties":{}}',
    );
    expect([...env.sparkProperties]).toEqual([
      ["spark.dynamicAllocation.enabled", "true"],
      ["spark.dynamicAllocation.executorIdleTimeout", "10s"],
    ]);
  });

  it("decodes a resource profile's executor and task requests", () => {
    const rp = decodeAs(
      "SparkListenerResourceProfileAdded",
      '{"Event":"SparkListenerResourceProfileAdded","Resource Profile Id":1,"Executor Resource Requests":{"gpu":{"Resource Name":"gpu","Amount":2,"Discovery Script":"./getGpus","Vendor":""},"cores":{"Resource Name":"cores","Amount":2,"Discovery Script":"","Vendor":""},"memory":{"Resource Name":"memory","Amount":6144,"Discovery Script":"","Vendor":""}},"Task Resource Requests":{"cpus":{"Resource Name":"cpus","Amount":2.0},"gpu":{"Resource Name":"gpu","Amount":2.0}}}',
    );
    expect(rp.resourceProfileId).toBe(1);
    expect(rp.executorResources.get("cores")).toBe(2);
    expect(rp.executorResources.get("memory")).toBe(6144);
    expect(rp.taskResources.get("cpus")).toBe(2);
  });

  it("decodes ExecutorAdded of 1.6 (no profile) and 3.5 (registration time, container id)", () => {
    expect(
      decodeAs("SparkListenerExecutorAdded", '{"Event":"SparkListenerExecutorAdded","Timestamp":1475705601737,"Executor ID":"3","Executor Info":{"Host":"gdoop-worker313.snc1","Total Cores":4,"Log Urls":{}}}'),
    ).toMatchObject({ executorId: "3", host: "gdoop-worker313.snc1", totalCores: 4, resourceProfileId: 0, registrationTimeMs: undefined, containerId: undefined });
    expect(
      decodeAs("SparkListenerExecutorAdded", '{"Event":"SparkListenerExecutorAdded","Timestamp":1,"Executor ID":"2","Executor Info":{"Host":"h","Total Cores":2,"Attributes":{"CONTAINER_ID":"container_e87_1_01_000003"},"Resource Profile Id":1,"Registration Time":5}}'),
    ).toMatchObject({ resourceProfileId: 1, registrationTimeMs: 5, containerId: "container_e87_1_01_000003" });
  });

  it('normalises the 1.x driver id "<driver>" to "driver"', () => {
    const bm = decodeAs(
      "SparkListenerBlockManagerAdded",
      '{"Event":"SparkListenerBlockManagerAdded","Block Manager ID":{"Executor ID":"<driver>","Host":"localhost","Port":57967},"Maximum Memory":278302556,"Timestamp":1422981759407}',
    );
    expect(bm).toMatchObject({ executorId: "driver", maxMemoryBytes: 278302556, maxOnHeapMemoryBytes: undefined });
  });

  it("decodes a 1.2 StageSubmitted (no Submission Time, no Parent IDs, Use Tachyon)", () => {
    const s = decodeAs(
      "SparkListenerStageSubmitted",
      '{"Event":"SparkListenerStageSubmitted","Stage Info":{"Stage ID":0,"Stage Attempt ID":0,"Stage Name":"count at <console>:15","Number of Tasks":8,"RDD Info":[{"RDD ID":0,"Name":"0","Storage Level":{"Use Disk":false,"Use Memory":true,"Use Tachyon":false,"Deserialized":true,"Replication":1},"Number of Partitions":8,"Number of Cached Partitions":0,"Memory Size":0,"Tachyon Size":0,"Disk Size":0}],"Details":"x","Accumulables":[]}}',
    ).stageInfo;
    expect(s).toMatchObject({ stageId: 0, numTasks: 8, parentIds: [], submissionTimeMs: undefined, resourceProfileId: 0 });
    expect(s.rddInfos[0]?.storageLevel).toEqual({ useDisk: false, useMemory: true, useOffHeap: false, deserialized: true, replication: 1 });
    expect(isCachedStorageLevel(s.rddInfos[0]!.storageLevel)).toBe(true);
  });

  it("decodes a 3.x JobStart with stage infos (no submission time on them) and SQL properties", () => {
    const job = decodeAs(
      "SparkListenerJobStart",
      '{"Event":"SparkListenerJobStart","Job ID":0,"Submission Time":1727966085544,"Stage Infos":[{"Stage ID":0,"Stage Attempt ID":0,"Stage Name":"count","Number of Tasks":6,"RDD Info":[],"Parent IDs":[],"Details":"","Accumulables":[],"Resource Profile Id":0},{"Stage ID":1,"Stage Attempt ID":0,"Stage Name":"count","Number of Tasks":1,"RDD Info":[],"Parent IDs":[0],"Details":"","Accumulables":[],"Resource Profile Id":0}],"Stage IDs":[0,1],"Properties":{"spark.sql.execution.id":"0"}}',
    );
    expect(job).toMatchObject({ jobId: 0, submissionTimeMs: 1727966085544, stageIds: [0, 1], sqlExecutionId: "0", jobGroupId: undefined });
    expect(job.stageInfos.map((s) => [s.stageId, s.parentIds, s.submissionTimeMs])).toEqual([
      [0, [], undefined],
      [1, [0], undefined],
    ]);
  });

  it("decodes a 1.5 TaskEnd with Updated Blocks (Use ExternalBlockStore)", () => {
    const t = decodeAs(
      "SparkListenerTaskEnd",
      '{"Event":"SparkListenerTaskEnd","Stage ID":0,"Stage Attempt ID":0,"Task Type":"ResultTask","Task End Reason":{"Reason":"Success"},"Task Info":{"Task ID":1,"Index":24,"Attempt":0,"Launch Time":1466087848577,"Executor ID":"2","Host":"worker194.datacenter","Locality":"NODE_LOCAL","Speculative":false,"Getting Result Time":0,"Finish Time":1466087852118,"Failed":false,"Accumulables":[]},"Task Metrics":{"Host Name":"worker194.datacenter","Executor Deserialize Time":1192,"Executor Run Time":2301,"Result Size":2673,"JVM GC Time":76,"Result Serialization Time":0,"Memory Bytes Spilled":0,"Disk Bytes Spilled":0,"Input Metrics":{"Data Read Method":"Hadoop","Bytes Read":134283264,"Records Read":52818},"Updated Blocks":[{"Block ID":"rdd_1_24","Status":{"Storage Level":{"Use Disk":false,"Use Memory":true,"Use ExternalBlockStore":false,"Deserialized":true,"Replication":1},"Memory Size":269121136,"ExternalBlockStore Size":0,"Disk Size":0}}]}}',
    );
    expect(t.reason).toEqual({ kind: "Success" });
    expect(t.task).toMatchObject({ taskId: 1, launchTimeMs: 1466087848577, finishTimeMs: 1466087852118, killed: false, speculative: false });
    expect(t.metrics).toMatchObject({ executorRunTimeMs: 2301, shuffleWrite: undefined, shuffleRead: undefined, inputBytesRead: 134283264 });
    expect(t.metrics?.updatedBlocks).toEqual([
      { blockId: "rdd_1_24", storageLevel: { useDisk: false, useMemory: true, useOffHeap: false, deserialized: true, replication: 1 }, memorySizeBytes: 269121136, diskSizeBytes: 0 },
    ]);
  });

  it("decodes failure reasons: ExecutorLostFailure, FetchFailed, Resubmitted (no metrics), TaskKilled", () => {
    const info = '"Task Info":{"Task ID":13,"Index":0,"Attempt":0,"Launch Time":100,"Executor ID":"1","Host":"h","Locality":"NODE_LOCAL","Speculative":true,"Getting Result Time":0,"Finish Time":200,"Failed":true,"Killed":false,"Accumulables":[]}';
    const end = (reason: string) => decodeAs("SparkListenerTaskEnd", `{"Event":"SparkListenerTaskEnd","Stage ID":7,"Stage Attempt ID":0,"Task Type":"ShuffleMapTask","Task End Reason":${reason},${info}}`);
    expect(end('{"Reason":"ExecutorLostFailure","Executor ID":"1","Exit Caused By App":true,"Loss Reason":"Container marked as failed"}').reason).toEqual({
      kind: "ExecutorLostFailure",
      executorId: "1",
      exitCausedByApp: true,
      lossReason: "Container marked as failed",
    });
    expect(end('{"Reason":"FetchFailed","Block Manager Address":{"Executor ID":"1","Host":"h","Port":1},"Shuffle ID":54,"Map ID":8347,"Reduce ID":72,"Message":"m"}').reason).toEqual({
      kind: "FetchFailed",
      executorId: "1",
      shuffleId: 54,
      message: "m",
    });
    const resubmitted = end('{"Reason":"Resubmitted"}');
    expect(resubmitted.reason).toEqual({ kind: "Resubmitted" });
    expect(resubmitted.metrics).toBeUndefined();
    expect(resubmitted.task.speculative).toBe(true);
    expect(end('{"Reason":"TaskKilled","Kill Reason":"another attempt succeeded"}').reason).toEqual({ kind: "TaskKilled", killReason: "another attempt succeeded" });
    expect(end('{"Reason":"SomethingNew"}').reason).toEqual({ kind: "UnknownReason", sparkReason: "SomethingNew" });
  });

  it("decodes TaskStart with Finish Time 0 as not finished", () => {
    const t = decodeAs(
      "SparkListenerTaskStart",
      '{"Event":"SparkListenerTaskStart","Stage ID":0,"Stage Attempt ID":0,"Task Info":{"Task ID":0,"Index":0,"Attempt":0,"Launch Time":1727966096099,"Executor ID":"4","Host":"host1","Locality":"PROCESS_LOCAL","Speculative":false,"Getting Result Time":0,"Finish Time":0,"Failed":false,"Killed":false,"Accumulables":[]}}',
    );
    expect(t.task).toMatchObject({ executorId: "4", launchTimeMs: 1727966096099, finishTimeMs: undefined });
  });

  it("decodes ExecutorRemoved, BlockManagerRemoved, JobEnd, StageCompleted, UnpersistRDD and BlockUpdated", () => {
    expect(decodeAs("SparkListenerExecutorRemoved", '{"Event":"SparkListenerExecutorRemoved","Timestamp":5,"Executor ID":"2","Removed Reason":"Executor killed by driver."}')).toMatchObject({ executorId: "2", reason: "Executor killed by driver.", timestampMs: 5 });
    expect(decodeAs("SparkListenerBlockManagerRemoved", '{"Event":"SparkListenerBlockManagerRemoved","Block Manager ID":{"Executor ID":"2","Host":"h","Port":1},"Timestamp":4}')).toMatchObject({ executorId: "2", timestampMs: 4 });
    expect(decodeAs("SparkListenerJobEnd", '{"Event":"SparkListenerJobEnd","Job ID":0,"Job Result":{"Result":"JobSucceeded"}}')).toMatchObject({ completionTimeMs: undefined, result: "JobSucceeded" });
    expect(
      decodeAs("SparkListenerStageCompleted", '{"Event":"SparkListenerStageCompleted","Stage Info":{"Stage ID":3,"Stage Attempt ID":1,"Number of Tasks":2,"Submission Time":10,"Completion Time":20,"Failure Reason":"boom","Resource Profile Id":1,"RDD Info":[{"RDD ID":2,"Storage Level":{"Use Disk":true,"Use Memory":true,"Use Off Heap":false,"Deserialized":true,"Replication":1},"Number of Partitions":4,"Number of Cached Partitions":4,"Memory Size":100,"Disk Size":5}]}}').stageInfo,
    ).toMatchObject({ stageId: 3, stageAttemptId: 1, submissionTimeMs: 10, completionTimeMs: 20, failureReason: "boom", resourceProfileId: 1, rddInfos: [{ rddId: 2, numCachedPartitions: 4, memorySizeBytes: 100, diskSizeBytes: 5 }] });
    expect(decodeAs("SparkListenerUnpersistRDD", '{"Event":"SparkListenerUnpersistRDD","RDD ID":2}').rddId).toBe(2);
    expect(
      decodeAs("SparkListenerBlockUpdated", '{"Event":"SparkListenerBlockUpdated","Block Updated Info":{"Block Manager ID":{"Executor ID":"1","Host":"h","Port":1},"Block ID":"rdd_0_1","Storage Level":{"Use Disk":false,"Use Memory":true,"Deserialized":true,"Replication":1},"Memory Size":64,"Disk Size":0}}'),
    ).toMatchObject({ executorId: "1", block: { blockId: "rdd_0_1", memorySizeBytes: 64, storageLevel: { useMemory: true } } });
  });
});
