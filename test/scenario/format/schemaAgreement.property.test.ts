import { Ajv } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scenario as scenarioArb } from "../../../src/arbitraries/index.js";
import { scenarioJsonSchema } from "../../../src/scenario/format/jsonSchema.js";
import { SCENARIO } from "../../../src/scenario/format/scenarioFormat.js";
import type { FieldType, ObjectFormat } from "../../../src/scenario/format/vocabulary.js";
import { validateScenario } from "../../../src/scenario/validateScenario.js";

/*
 * The JSON Schema and the validator accept and refuse the same documents. Valid documents
 * come from the package's scenario arbitrary plus the cluster and top-level fields it leaves
 * out; "slightly broken" ones change one thing, found by walking the document alongside the
 * format's description: an unknown key, a required key removed, a value of the wrong type or
 * out of range, another allowed enum value, or a key added that a rule across keys forbids
 * (submitAtMs with afterPreviousMs, a second executor-loss form, yarn without manager: yarn).
 *
 * Excluded, because JSON Schema cannot compare two values or look across list items (the
 * validator alone checks them, and its own tests pin them): unique stage and shuffle ids,
 * parents that exist in the same or an earlier job and have a shuffle, no cycles, a
 * task-duration list as long as `tasks`, the total task limit, maxMs >= minMs, p95Ms >=
 * medianMs, untilMs > fromMs, autoscaler.maxNodes >= nodes.count, a stage's inputReplicas
 * needing cluster.nodes and at most nodes.count, a conf key reached twice
 * (nested and dotted) or nested deeper than 16 maps, and `jobRequest` (a file read, then the
 * EMR request format). The generated documents never break those rules. One known difference:
 * the validator reads `cluster.standalone.spreadOut: null` as its default, the schema refuses it.
 */

// strictRequired off: `if: {required: [yarn]}` names a key declared beside it, which is valid draft-07.
const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });
const schemaAccepts = ajv.compile(scenarioJsonSchema());

type Doc = Record<string, unknown>;
type Path = readonly (string | number)[];

/** Valid documents: the scenario arbitrary's, with the optional fields it never writes. */
const validDoc: fc.Arbitrary<Doc> = fc
  .record({
    base: scenarioArb(),
    manager: fc.constantFrom(undefined, "generic", "kubernetes", "yarn", "standalone"),
    standaloneMap: fc.option(fc.record({ spreadOut: fc.boolean() }, { requiredKeys: [] }), { nil: undefined }),
    yarnMap: fc.option(fc.record({ amStartupMs: fc.nat(5000), containerAllocationMs: fc.nat(5000) }, { requiredKeys: [] }), { nil: undefined }),
    kubernetesMap: fc.option(fc.record({ terminationGracePeriodMs: fc.nat(60_000) }, { requiredKeys: [] }), { nil: undefined }),
    podStartup: fc.boolean(),
    nodes: fc.option(
      fc.record({
        count: fc.nat(4),
        size: fc.oneof(fc.record({ executorsPerNode: fc.integer({ min: 1, max: 4 }) }), fc.record({ cores: fc.integer({ min: 1, max: 16 }), memoryMiB: fc.integer({ min: 1024, max: 65536 }), gpus: fc.nat(2) }, { requiredKeys: [] }).filter((r) => Object.keys(r).length > 0)),
        autoscale: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      }),
      { nil: undefined },
    ),
    maxContainers: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }),
    removal: fc.option(fc.oneof(fc.nat(5000), fc.array(fc.nat(5000), { minLength: 1, maxLength: 3 })), { nil: undefined }),
    description: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
    numericVersion: fc.boolean(),
    nestedConf: fc.boolean(),
    endAfterLastJobMs: fc.option(fc.nat(60_000), { nil: undefined }),
  })
  .map((g) => {
    const base = structuredClone(g.base) as unknown as Doc;
    const cluster = base["cluster"] as Doc;
    const manager = g.manager ?? (cluster["manager"] as string | undefined);
    if (manager === undefined) delete cluster["manager"];
    else cluster["manager"] = manager;
    if (manager === "yarn" && g.yarnMap !== undefined) cluster["yarn"] = g.yarnMap;
    if (manager === "kubernetes" && g.kubernetesMap !== undefined) {
      const k: Doc = { ...g.kubernetesMap };
      if (g.podStartup) {
        k["podStartup"] = { schedulingMs: 1000, imagePullMs: [0, 2000], containerStartMs: { distribution: "exponential", meanMs: 500 }, registrationMs: 0 };
        delete cluster["executorStartupMs"];
      }
      cluster["kubernetes"] = k;
    }
    if (manager === "standalone" && g.standaloneMap !== undefined) cluster["standalone"] = g.standaloneMap;
    if (g.nodes !== undefined) {
      const { count, size, autoscale } = g.nodes;
      // No autoscaler on YARN's NodeManagers or standalone workers.
      const scales = autoscale !== undefined && manager !== "yarn" && manager !== "standalone";
      cluster["nodes"] = scales ? { count, ...size, autoscaler: { maxNodes: Math.max(1, count + autoscale) } } : { count, ...size };
    }
    keepInputOnNodes(base, (cluster["nodes"] as { count: number } | undefined)?.count ?? 0);
    if (g.maxContainers !== undefined) cluster["maxContainers"] = g.maxContainers;
    if (g.removal !== undefined) cluster["executorRemovalMs"] = g.removal;
    if (g.description !== undefined) base["description"] = g.description;
    // YAML reads `sparkVersion: 3.5` as a number (a patch version cannot be one).
    if (g.numericVersion && /^\d+\.\d+$/.test(String(base["sparkVersion"]))) base["sparkVersion"] = Number(base["sparkVersion"]);
    if (g.nestedConf) base["conf"] = { ...(base["conf"] as Doc), my: { custom: { key: "v", n: 2, on: true } } };
    if (g.endAfterLastJobMs !== undefined) (base["workload"] as Doc)["endAfterLastJobMs"] = g.endAfterLastJobMs;
    return base;
  });

/** Stages' inputReplicas as the validator allows them on the document's nodes (a rule across keys): clamped, or dropped without nodes. */
function keepInputOnNodes(doc: Doc, nodeCount: number): void {
  for (const job of (doc["workload"] as { jobs: Array<{ stages: Doc[] }> }).jobs) {
    for (const stage of job.stages) {
      if (stage["inputReplicas"] === undefined) continue;
      if (nodeCount === 0) delete stage["inputReplicas"];
      else stage["inputReplicas"] = Math.min(stage["inputReplicas"] as number, nodeCount);
    }
  }
}

interface Site {
  readonly path: Path;
  readonly format: ObjectFormat;
}

/** Every map in the document with its format, found by walking both together. */
function sites(value: unknown, format: ObjectFormat, path: Path, out: Site[]): Site[] {
  out.push({ path, format });
  const obj = value as Doc;
  for (const [key, field] of Object.entries(format.fields)) {
    if (obj[key] !== undefined) walk(obj[key], field.type, [...path, key], out);
  }
  return out;
}

function walk(value: unknown, type: FieldType, path: Path, out: Site[]): void {
  if (type.type === "map") sites(value, type.format, path, out);
  if (type.type === "list" && Array.isArray(value)) value.forEach((v, i) => walk(v, type.items, [...path, i], out));
}

/** Values a field of this type refuses (each alone breaks the document). */
function badValues(type: FieldType): unknown[] {
  switch (type.type) {
    case "integer":
      return [type.min - 1, 1.5, String(type.min), null, (type.max ?? Number.MAX_SAFE_INTEGER) + 1];
    case "number":
      return [type.exclusiveMin, "1", -1];
    case "string":
      return [7, ...(type.allowEmpty === true ? [] : [" "]), ...(type.pattern === undefined ? [] : ["0", "x1"])];
    case "enum":
      return ["nope", 1];
    case "duration":
      return [-1, 2.5, "10s", [], [1, -1], { distribution: "normal", meanMs: 1 }, { distribution: "exponential", meanMs: 0 }, { distribution: "uniform", minMs: 1 }];
    case "list":
      return ["a", { a: 1 }, ...(type.minItems === undefined ? [] : [[]])];
    case "map":
      return [[], "x", 3];
    case "boolean":
      // Not null: readCluster reads `spreadOut: null` as the default (true), the schema refuses it.
      return ["true", 1];
    case "custom":
      return [null, [1, 2], 42];
  }
}

/** Keys whose addition a rule across keys may forbid, with a value valid on its own. */
const ADDABLE: Readonly<Record<string, unknown>> = {
  submitAtMs: 0,
  afterPreviousMs: 0,
  atMs: 5,
  afterAddedMs: 5,
  executorId: "1",
  count: 1,
  ratePerExecutorHour: 1,
  fromMs: 0,
  untilMs: 1_000_000_000,
  yarn: {},
  kubernetes: {},
  standalone: {},
  executorsPerNode: 1,
  cores: 4,
  autoscaler: { maxNodes: 100 },
  nodes: { count: 0, executorsPerNode: 1 },
  executorStartupMs: 1000,
  podStartup: { schedulingMs: 1, imagePullMs: 1, containerStartMs: 1, registrationMs: 1 },
};

function at(doc: Doc, path: Path): Doc {
  let node: unknown = doc;
  for (const p of path) node = (node as Record<string | number, unknown>)[p];
  return node as Doc;
}

type Mutation = { kind: "unknown-key" | "drop-required" | "bad-value" | "other-enum" | "add-key"; pick: number; pick2: number };

function mutate(doc: Doc, m: Mutation): Doc | undefined {
  const copy = structuredClone(doc);
  const all = sites(copy, SCENARIO, [], []);
  const site = all[m.pick % all.length]!;
  const obj = at(copy, site.path);
  const present = Object.keys(site.format.fields).filter((k) => obj[k] !== undefined);
  switch (m.kind) {
    case "unknown-key":
      obj["zzUnknownKey"] = 1;
      return copy;
    case "drop-required": {
      const req = present.filter((k) => site.format.fields[k]!.required !== undefined);
      if (req.length === 0) return undefined;
      delete obj[req[m.pick2 % req.length]!];
      return copy;
    }
    case "bad-value": {
      const keys = present.filter((k) => k !== "jobRequest");
      if (keys.length === 0) return undefined;
      const key = keys[m.pick2 % keys.length]!;
      const bad = badValues(site.format.fields[key]!.type);
      obj[key] = bad[Math.floor(m.pick2 / keys.length) % bad.length];
      return copy;
    }
    case "other-enum": {
      const enums = Object.entries(site.format.fields).filter(([, f]) => f.type.type === "enum");
      if (enums.length === 0) return undefined;
      const [key, field] = enums[m.pick2 % enums.length]!;
      if (field.type.type !== "enum") return undefined;
      obj[key] = field.type.values[Math.floor(m.pick2 / enums.length) % field.type.values.length];
      return copy;
    }
    case "add-key": {
      const keys = Object.keys(site.format.fields).filter((k) => obj[k] === undefined && Object.hasOwn(ADDABLE, k));
      if (keys.length === 0) return undefined;
      const key = keys[m.pick2 % keys.length]!;
      obj[key] = structuredClone(ADDABLE[key]);
      return copy;
    }
    default:
      return undefined;
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("unknown-key", "drop-required", "bad-value", "other-enum", "add-key"),
  pick: fc.nat(),
  pick2: fc.nat(),
});

function agree(doc: Doc): void {
  const byValidator = validateScenario(doc, "generated.yaml");
  const bySchema = schemaAccepts(doc);
  const why = byValidator.ok ? "validator: ok" : byValidator.issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  expect({ schema: bySchema, validator: byValidator.ok, why, schemaErrors: ajv.errorsText(schemaAccepts.errors) }).toMatchObject({ schema: byValidator.ok });
}

describe("the JSON Schema and the validator agree", () => {
  it("both accept the generated valid documents", () => {
    fc.assert(
      fc.property(validDoc, (doc) => {
        agree(doc);
        expect(schemaAccepts(doc)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("both accept or both refuse a document changed in one place", () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(validDoc, mutation, (doc, m) => {
        const broken = mutate(doc, m);
        if (broken === undefined) return;
        agree(broken);
        seen[schemaAccepts(broken) ? "accepted" : "refused"]++;
      }),
      { numRuns: 1500 },
    );
    // The mutations mostly break documents, and some (another enum value, an allowed key) do not.
    expect(seen.refused).toBeGreaterThan(seen.accepted);
    expect(seen.accepted).toBeGreaterThan(0);
  });
});
