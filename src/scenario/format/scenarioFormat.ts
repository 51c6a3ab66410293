import { CLUSTER_MANAGER_KINDS, DEFAULT_DECOMMISSION, DEFAULT_EXECUTOR_STARTUP_MS, DEFAULT_TERMINATION_GRACE_PERIOD_MS, DEFAULT_YARN, EXECUTOR_LOSS_CAUSES, MAX_TOTAL_TASKS, POD_STARTUP_STAGES, RELEASED_PATCHES, SUPPORTED_VERSION_LINES } from "../../../sim/index.js";
import type { Field, FieldType, IntegerType, JsonSchema, ObjectFormat } from "./vocabulary.js";

/**
 * The scenario format, described once. The readers (readWorkload.ts, readCluster.ts,
 * readExecutorLosses.ts, durationSpec.ts, validateScenario.ts) take their keys, ranges,
 * required keys, enum values and map descriptions from here, and jsonSchema.ts turns it into
 * schema/scenario.schema.json. To add a field, see FORMAT.md "Adding a field".
 */

const MS: IntegerType = { type: "integer", min: 0, ms: true };
const POSITIVE_MS: IntegerType = { type: "integer", min: 1, ms: true };
/** Stage, shuffle and RDD ids and partition counts are Java ints in Spark. */
const SPARK_ID: IntegerType = { type: "integer", min: 0, max: 2 ** 31 - 1, maxReason: "Spark ids are Java ints" };
const TASKS: IntegerType = {
  type: "integer",
  min: 1,
  max: MAX_TOTAL_TASKS,
  maxReason: 'the simulator handles at most 20,000,000 tasks per scenario, see README "Limits"',
};
const TEXT: FieldType = { type: "string" };

/** `a map {k1, k2, ...}` from the keys, as the readers name a map in messages. */
function mapOf(fields: { readonly [key: string]: Field }): string {
  return `a map {${Object.keys(fields).join(", ")}}`;
}

/** Parameters of each duration distribution (`{distribution: lognormal, medianMs, p95Ms}`). */
export const DISTRIBUTION_PARAMS = {
  uniform: { minMs: MS, maxMs: MS },
  exponential: { meanMs: POSITIVE_MS },
  lognormal: { medianMs: POSITIVE_MS, p95Ms: POSITIVE_MS },
} as const satisfies Record<string, Record<string, IntegerType>>;

export const UNPERSIST: ObjectFormat = {
  what: "a map {rddId, atMs}",
  fields: {
    rddId: { type: SPARK_ID, required: "the id of a cached RDD (a stage's cacheRddId)", doc: "The cached RDD to unpersist (a stage's cacheRddId)." },
    atMs: { type: MS, required: "when the driver calls unpersist, in ms from application start", doc: "When the driver calls unpersist, in ms from application start." },
  },
};

export const STRAGGLERS: ObjectFormat = {
  what: "a map {fraction, factor}",
  fields: {
    fraction: {
      type: { type: "range", min: 0, max: 1, what: "the fraction of the stage's tasks that straggle" },
      required: "the fraction of the stage's tasks that straggle, from 0 to 1 (round(fraction x tasks) of them, chosen by the seed)",
      doc: "Fraction of the stage's tasks that straggle: round(fraction x tasks) partitions, chosen by the seed.",
    },
    factor: {
      type: { type: "range", min: 1, what: "how many times slower a straggler's first attempt runs" },
      required: "how many times slower a straggler's first attempt runs, >= 1",
      doc: "A straggler's first attempt takes factor x its drawn duration; a speculative copy or a retry takes the drawn duration.",
    },
  },
};

export const STAGE: ObjectFormat = {
  what: "a map {id, tasks, taskDurationMs, parents, shuffleId, cacheRddId, stragglers, readsCachedRddId, inputReplicas, inputHosts, resourceProfile}",
  fields: {
    id: { type: SPARK_ID, required: "the Spark stage id (an integer >= 0, unique in the scenario)", doc: "Spark stage id, unique in the scenario." },
    name: { type: TEXT, doc: "Optional stage name." },
    tasks: { type: TASKS, required: "the number of tasks (partitions), an integer >= 1", doc: "Number of tasks (partitions)." },
    taskDurationMs: {
      type: { type: "duration", per: "task" },
      required: "milliseconds per task: a number, a list with one per task, or a distribution",
      doc: "Milliseconds per task: a number, a list with exactly one per task, or a distribution map.",
    },
    parents: { type: { type: "list", items: SPARK_ID }, doc: "Stage ids this stage reads the shuffle of (same or an earlier-listed job)." },
    shuffleId: { type: SPARK_ID, doc: "The shuffle this stage writes (unique per stage)." },
    cacheRddId: { type: SPARK_ID, doc: "Each task caches a partition of this RDD." },
    stragglers: { type: { type: "map", format: STRAGGLERS }, doc: "Tasks whose first attempt runs slower (a slow node or disk, not their data): what speculative execution copies." },
    readsCachedRddId: {
      type: SPARK_ID,
      doc: "Task p reads partition p of this cached RDD (a stage's cacheRddId): it prefers the executor caching it (PROCESS_LOCAL, spark.locality.wait.process).",
    },
    inputReplicas: {
      type: { type: "integer", min: 1 },
      doc: "The stage's input is stored on the cluster's nodes, each partition on this many nodes drawn by the seed (HDFS-style): its tasks prefer those hosts (NODE_LOCAL, spark.locality.wait.node). Needs cluster.nodes.",
    },
    inputHosts: {
      type: { type: "list", items: { type: "list", items: TEXT } },
      doc: 'Per task (by index), the hosts holding its input: "node-<n>" with cluster.nodes, else "host-<executor id>"; tasks beyond the list or with [] have none. Replays write it from the log\'s NODE_LOCAL tasks. Taken before inputReplicas.',
    },
    resourceProfile: { type: TEXT, doc: "The name of the resource profile (workload.resourceProfiles) its tasks run with (default: the default profile)." },
  },
  hints: { stages: "a stage has no stages: list stages side by side under the job's stages" },
};

const RESOURCE_PROFILE_FIELDS = {
  name: { type: TEXT, required: "the name stages give as resourceProfile (unique)", doc: "The profile's name, which stages give as resourceProfile (unique; ids are 1, 2, ... in list order)." },
  executorCores: { type: { type: "integer", min: 1 }, doc: "Cores of each executor of this profile (default spark.executor.cores)." },
  executorMemoryMiB: { type: { type: "integer", min: 1 }, doc: "Heap of each executor, MiB (default spark.executor.memory)." },
  executorMemoryOverheadMiB: { type: { type: "integer", min: 0 }, doc: "Overhead of each executor, MiB (default: spark.executor.memoryOverhead's rule for the profile's heap)." },
  executorGpus: { type: { type: "integer", min: 0 }, doc: "GPUs of each executor (default spark.executor.resource.gpu.amount)." },
  taskCpus: { type: { type: "integer", min: 1 }, doc: "Cores each task takes (default spark.task.cpus)." },
  taskGpus: { type: { type: "number", exclusiveMin: 0 }, doc: "GPUs each task takes; a fraction <= 0.5 shares a GPU among 1/fraction tasks (default none)." },
  executorStartupMs: { type: { type: "duration", per: "executor" }, doc: "The cluster side: start-up of this profile's executors, as cluster.executorStartupMs (default cluster.executorStartupMs)." },
} as const satisfies Record<string, Field>;
export const RESOURCE_PROFILE: ObjectFormat = { what: mapOf(RESOURCE_PROFILE_FIELDS), fields: RESOURCE_PROFILE_FIELDS };

export const JOB: ObjectFormat = {
  what: "a map {name, submitAtMs or afterPreviousMs, stages}",
  fields: {
    name: { type: TEXT, doc: "Optional job name." },
    submitAtMs: { type: MS, doc: "Absolute submission time, ms from application start (not with afterPreviousMs)." },
    afterPreviousMs: { type: MS, doc: "Driver time after the previous job ends, ms (default 0; not with submitAtMs)." },
    stages: { type: { type: "list", items: { type: "map", format: STAGE }, minItems: 1 }, required: "a list of at least one stage", doc: "The job's stages, at least one." },
  },
  hints: { id: "a job has no id: stage ids go on the stages", tasks: "tasks belong on a stage, under stages" },
  schemaRules: [{ not: { required: ["submitAtMs", "afterPreviousMs"] } }],
};

export const WORKLOAD: ObjectFormat = {
  what: "a map {jobs, unpersist, resourceProfiles, endAfterLastJobMs}",
  fields: {
    jobs: { type: { type: "list", items: { type: "map", format: JOB }, minItems: 1 }, required: "a list of at least one job", doc: "The jobs to simulate, at least one." },
    unpersist: { type: { type: "list", items: { type: "map", format: UNPERSIST } }, doc: "Driver calls to unpersist a cached RDD." },
    resourceProfiles: {
      type: { type: "list", items: { type: "map", format: RESOURCE_PROFILE } },
      doc: "Resource profiles stages can name (stage-level scheduling): each gets its own executors, target and pool.",
    },
    endAfterLastJobMs: { type: MS, doc: "Driver time after the last job before the application stops, ms (default 0).", default: 0 },
  },
  hints: { stages: "stages belong to a job: workload.jobs[].stages" },
};

export const LOSS_FORMS =
  "one of {atMs, executorId}, {afterAddedMs, atMs?, executorId}, {atMs, count} or {ratePerExecutorHour, fromMs?, untilMs?}, each with an optional cause (interruption | failure)";
const without = (...keys: string[]): JsonSchema => ({ not: { anyOf: keys.map((k) => ({ required: [k] })) } });

export const EXECUTOR_LOSS: ObjectFormat = {
  what: `a map: ${LOSS_FORMS}`,
  fields: {
    atMs: { type: MS, doc: "When the executor(s) are lost, ms from application start." },
    afterAddedMs: { type: MS, doc: "How long after the executor registered it is lost, ms." },
    executorId: { type: { type: "string", pattern: "^[1-9]\\d*$" }, doc: 'The executor id as Spark numbers them ("1", "2", ... in request order).' },
    count: { type: { type: "integer", min: 1 }, doc: "How many live executors are lost, chosen by the seed." },
    ratePerExecutorHour: { type: { type: "number", exclusiveMin: 0 }, doc: "Expected losses per executor per hour (lifetimes drawn from the seed)." },
    fromMs: { type: MS, doc: "With ratePerExecutorHour: lifetimes count from max(registration, fromMs)." },
    untilMs: { type: MS, doc: "With ratePerExecutorHour: no loss at or after this time (after fromMs)." },
    cause: { type: { type: "enum", values: EXECUTOR_LOSS_CAUSES }, doc: "interruption (node gone, default) or failure (the executor process died).", default: "interruption" },
    noticeMs: {
      type: MS,
      doc: "The notice before the loss, ms (a spot interruption's 120000): with spark.decommission.enabled the executor decommissions itself this long before it is lost; without, nothing changes (default 0).",
      default: 0,
    },
  },
  schemaRules: [
    {
      oneOf: [
        { required: ["executorId"], anyOf: [{ required: ["atMs"] }, { required: ["afterAddedMs"] }], ...without("count", "ratePerExecutorHour", "fromMs", "untilMs") },
        { required: ["count", "atMs"], ...without("executorId", "afterAddedMs", "ratePerExecutorHour", "fromMs", "untilMs") },
        // untilMs must be after fromMs (0 when absent): the "after fromMs" part is a cross-field rule.
        { required: ["ratePerExecutorHour"], properties: { untilMs: { type: "integer", exclusiveMinimum: 0 } }, ...without("atMs", "executorId", "count") },
      ],
    },
  ],
};

const AUTOSCALER_FIELDS = {
  maxNodes: { type: { type: "integer", min: 1 }, required: "the most nodes the autoscaler adds up to (>= count)", doc: "The most nodes the autoscaler runs (>= nodes.count)." },
  scaleUpDelayMs: { type: MS, doc: "Pending executor -> new node ready, ms (default 60000).", default: 60_000 },
  scaleDownIdleMs: { type: MS, doc: "An empty node is removed after this long, ms (default 600000).", default: 600_000 },
} as const satisfies Record<string, Field>;
export const AUTOSCALER: ObjectFormat = { what: mapOf(AUTOSCALER_FIELDS), fields: AUTOSCALER_FIELDS };

const NODES_FIELDS = {
  count: { type: { type: "integer", min: 0 }, required: "the number of nodes at start", doc: "Nodes at start (standalone: the workers)." },
  executorsPerNode: { type: { type: "integer", min: 1 }, doc: "Executors that fit on a node (or give the node's resources instead)." },
  cores: { type: { type: "integer", min: 1 }, doc: "Cores per node (Kubernetes allocatable, YARN NodeManager vcores, standalone worker cores)." },
  memoryMiB: { type: { type: "integer", min: 1 }, doc: "Memory per node in MiB, for executors' heap plus overhead (standalone: heap)." },
  gpus: { type: { type: "integer", min: 0 }, doc: "GPUs per node." },
  autoscaler: { type: { type: "map", format: AUTOSCALER }, doc: "Optional node autoscaler (generic and kubernetes)." },
} as const satisfies Record<string, Field>;
const NODE_RESOURCES = ["cores", "memoryMiB", "gpus"].map((k) => ({ required: [k] }));
export const NODES: ObjectFormat = {
  what: mapOf(NODES_FIELDS),
  fields: NODES_FIELDS,
  // executorsPerNode, or the node's resources for the conf's executor size to fit; not both.
  schemaRules: [{ anyOf: [{ required: ["executorsPerNode"] }, ...NODE_RESOURCES], not: { required: ["executorsPerNode"], anyOf: NODE_RESOURCES } }],
};

const STANDALONE_FIELDS = {
  spreadOut: { type: { type: "boolean" }, doc: "The Master's spark.deploy.spreadOut: spread executors over the workers (default true).", default: true },
} as const satisfies Record<string, Field>;
export const STANDALONE: ObjectFormat = { what: mapOf(STANDALONE_FIELDS), fields: STANDALONE_FIELDS };

const YARN_FIELDS = {
  amStartupMs: { type: MS, doc: "Application start -> the AM's first allocation heartbeat, ms (default 0).", default: DEFAULT_YARN.amStartupMs },
  containerAllocationMs: { type: MS, doc: "Ask -> container allocated by the ResourceManager, ms (default 1000).", default: DEFAULT_YARN.containerAllocationMs },
} as const satisfies Record<string, Field>;
export const YARN: ObjectFormat = { what: mapOf(YARN_FIELDS), fields: YARN_FIELDS };

const POD_STARTUP_DOCS: Readonly<Record<(typeof POD_STARTUP_STAGES)[number], string>> = {
  schedulingMs: "Pod created -> scheduled on a node: a duration spec.",
  imagePullMs: "Image pull: a duration spec.",
  containerStartMs: "Container start: a duration spec.",
  registrationMs: "Executor JVM start -> registered with the driver: a duration spec.",
};
const POD_STARTUP_FIELDS: Record<string, Field> = Object.fromEntries(
  POD_STARTUP_STAGES.map((stage) => [
    stage,
    {
      type: { type: "duration", per: "executor" },
      required: `give all four stages (${POD_STARTUP_STAGES.join(", ")}); 0 for a stage that takes no time`,
      doc: POD_STARTUP_DOCS[stage],
    },
  ]),
);
export const POD_STARTUP: ObjectFormat = { what: `a map {${POD_STARTUP_STAGES.join(", ")}}, each a duration`, fields: POD_STARTUP_FIELDS };

const KUBERNETES_FIELDS = {
  podStartup: { type: { type: "map", format: POD_STARTUP }, doc: "Pod start-up by stage, instead of cluster.executorStartupMs (the stages add up to it)." },
  terminationGracePeriodMs: { type: MS, doc: "The pods' termination grace period, ms (default 30000).", default: DEFAULT_TERMINATION_GRACE_PERIOD_MS },
} as const satisfies Record<string, Field>;
export const KUBERNETES: ObjectFormat = { what: mapOf(KUBERNETES_FIELDS), fields: KUBERNETES_FIELDS };

const DECOMMISSION_FIELDS = {
  shuffleBlockMigrationMs: {
    type: { type: "duration", per: "executor" },
    doc: "Time to migrate one shuffle map output of a decommissioning executor to a peer or the fallback storage: a duration spec (a list: one per block in migration order; default 1000).",
    default: DEFAULT_DECOMMISSION.shuffleBlockMigrationMs as number,
  },
  rddBlockMigrationMs: {
    type: { type: "duration", per: "executor" },
    doc: "Time to migrate one cached RDD partition to a peer: a duration spec (default 1000).",
    default: DEFAULT_DECOMMISSION.rddBlockMigrationMs as number,
  },
} as const satisfies Record<string, Field>;
export const DECOMMISSION: ObjectFormat = { what: mapOf(DECOMMISSION_FIELDS), fields: DECOMMISSION_FIELDS };

const YARN_MANAGER: JsonSchema = { required: ["manager"], properties: { manager: { const: "yarn" } } };
const CLUSTER_FIELDS = {
  executorStartupMs: { type: { type: "duration", per: "executor" }, doc: "Request -> executor registered: a duration spec (default 10000).", default: DEFAULT_EXECUTOR_STARTUP_MS },
  manager: { type: { type: "enum", values: CLUSTER_MANAGER_KINDS }, doc: "generic, kubernetes (ExecutorPodsAllocator), yarn (YarnAllocator) or standalone (the standalone Master).", default: "generic" },
  executorRemovalMs: { type: { type: "duration", per: "executor" }, doc: "Kill -> container/pod gone (billed): a duration spec (default 0)." },
  yarn: { type: { type: "map", format: YARN }, doc: "manager: yarn only: ApplicationMaster and ResourceManager latencies." },
  kubernetes: { type: { type: "map", format: KUBERNETES }, doc: "manager: kubernetes only: pod start-up by stage and termination grace period." },
  standalone: { type: { type: "map", format: STANDALONE }, doc: "manager: standalone only: the Master's settings." },
  maxContainers: { type: { type: "integer", min: 1 }, doc: "Executors (containers, pods) the cluster runs at once (default unlimited)." },
  nodes: { type: { type: "map", format: NODES }, doc: "count nodes, each taking executorsPerNode executors or as many as its resources fit." },
  executorLosses: { type: { type: "list", items: { type: "map", format: EXECUTOR_LOSS } }, doc: "Executors lost during the run." },
  decommission: { type: { type: "map", format: DECOMMISSION }, doc: "Block migration times of decommissioning executors (spark.decommission.enabled)." },
} as const satisfies Record<string, Field>;
export const CLUSTER: ObjectFormat = {
  what: mapOf(CLUSTER_FIELDS),
  fields: CLUSTER_FIELDS,
  schemaRules: [
    { if: { required: ["yarn"] }, then: YARN_MANAGER },
    { if: { required: ["standalone"] }, then: { required: ["manager"], properties: { manager: { const: "standalone" } } } },
    {
      if: { required: ["manager"], properties: { manager: { enum: ["yarn", "standalone"] } } },
      then: { properties: { nodes: { not: { type: "object", required: ["autoscaler"] } } } },
    },
    { if: { required: ["kubernetes"] }, then: { required: ["manager"], properties: { manager: { const: "kubernetes" } } } },
    { if: { required: ["kubernetes"], properties: { kubernetes: { type: "object", required: ["podStartup"] } } }, then: { not: { required: ["executorStartupMs"] } } },
  ],
};

/** `sparkVersion`: a released version of a modelled line, as a string or a YAML number. */
function sparkVersionSchema(): JsonSchema {
  const lines = SUPPORTED_VERSION_LINES.map((line) => {
    const [major, minor] = line.split(".");
    const [first, newest] = RELEASED_PATCHES[line];
    const patches = Array.from({ length: newest - first + 1 }, (_, i) => String(first + i)).join("|");
    return `0*${major}\\.0*${minor}(\\.0*(${patches}))?`;
  });
  return {
    anyOf: [
      { type: "string", pattern: `^\\s*(${lines.join("|")})\\s*$` },
      // YAML reads 3.5 as a number, 4.0 even as 4.
      { type: "number", enum: SUPPORTED_VERSION_LINES.map(Number) },
    ],
  };
}

const CONF_VALUE: JsonSchema = {
  anyOf: [
    { type: ["string", "number", "boolean"] },
    { type: "object", minProperties: 1, propertyNames: { pattern: "\\S" }, additionalProperties: { $ref: "#/definitions/confValue" } },
  ],
};

export const SCENARIO: ObjectFormat = {
  what: "a map with at least workload.jobs",
  fields: {
    name: { type: TEXT, doc: "Scenario name (default: the file name without extension)." },
    seed: { type: { type: "integer", min: 0 }, doc: "Seed of every random draw (default 1).", default: 1 },
    sparkVersion: { type: { type: "custom", schema: sparkVersionSchema() }, doc: 'Spark version simulated: a modelled line ("3.5") or a released patch ("3.4.1"); default 3.5.', default: "3.5" },
    description: { type: { type: "string", allowEmpty: true }, doc: "Free text, not read by the engine." },
    conf: {
      type: { type: "custom", schema: { type: "object", propertyNames: { pattern: "\\S" }, additionalProperties: { $ref: "#/definitions/confValue" } } },
      doc: "Spark properties, keys verbatim (nested maps are joined with dots); values are strings, numbers or booleans.",
    },
    jobRequest: {
      type: { type: "custom", schema: { anyOf: [{ type: "string", pattern: "\\S" }, { type: "object" }] } },
      doc: "An EMR on EKS StartJobRun request: its path (relative to this file) or the request itself.",
    },
    cluster: { type: { type: "map", format: CLUSTER }, doc: "How executors come and go." },
    workload: { type: { type: "map", format: WORKLOAD }, required: "workload.jobs lists the jobs to simulate", doc: "The jobs to simulate." },
  },
  hints: {
    jobs: 'jobs belong under workload: "workload: {jobs: [...]}"',
    unpersist: 'unpersist belongs under workload: "workload: {unpersist: [...]}"',
    stages: "stages belong to a job: workload.jobs[].stages",
    executorStartupMs: 'executorStartupMs belongs under cluster: "cluster: {executorStartupMs: ...}"',
  },
};

/** Schemas the generated schema refers to by name (`#/definitions/confValue`). */
export const SHARED_DEFINITIONS: { readonly [name: string]: JsonSchema } = { confValue: CONF_VALUE };
