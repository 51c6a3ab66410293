import { DISTRIBUTION_PARAMS, SCENARIO, SHARED_DEFINITIONS } from "./scenarioFormat.js";
import type { FieldType, IntegerType, JsonSchema, ObjectFormat } from "./vocabulary.js";

/**
 * The JSON Schema (draft-07, what editors' YAML and JSON language servers read) of the scenario
 * format, generated from scenarioFormat.ts; shipped as schema/scenario.schema.json
 * (`npm run schema` writes it; a test checks it is current). Rules across stages (unique ids,
 * parents that exist, a shuffle on every parent, a task-duration list as long as tasks, the
 * total task limit) and between two numbers (maxMs >= minMs, p95Ms >= medianMs, untilMs > fromMs,
 * autoscaler.maxNodes >= nodes.count) are checked by the validator only: JSON Schema cannot
 * compare two values.
 */
function integer(t: IntegerType): JsonSchema {
  // Past 2^53 a number no longer holds the integer written: the readers refuse it too.
  return { type: "integer", minimum: t.min, maximum: Math.min(t.max ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) };
}

function distribution(name: string, params: Readonly<Record<string, IntegerType>>): JsonSchema {
  const properties: Record<string, JsonSchema> = { distribution: { const: name } };
  for (const [key, t] of Object.entries(params)) properties[key] = integer(t);
  return { type: "object", properties, required: Object.keys(properties), additionalProperties: false };
}

function durationSchema(per: "task" | "executor"): JsonSchema {
  const ms = integer({ type: "integer", min: 0, ms: true });
  return {
    description:
      per === "task"
        ? "Whole milliseconds: a number, a list with exactly one per task, or {distribution: uniform|exponential|lognormal, ...}."
        : "Whole milliseconds: a number, a list (one per executor in request order; the last repeats), or {distribution: uniform|exponential|lognormal, ...}.",
    anyOf: [ms, { type: "array", items: ms, minItems: 1 }, ...Object.entries(DISTRIBUTION_PARAMS).map(([name, params]) => distribution(name, params))],
  };
}

function typeSchema(t: FieldType): JsonSchema {
  switch (t.type) {
    case "integer":
      return integer(t);
    case "number":
      return { type: "number", exclusiveMinimum: t.exclusiveMin };
    case "range":
      return { type: "number", minimum: t.min, ...(t.max === undefined ? {} : { maximum: t.max }) };
    case "string":
      return t.pattern !== undefined ? { type: "string", pattern: t.pattern } : t.allowEmpty === true ? { type: "string" } : { type: "string", pattern: "\\S" };
    case "boolean":
      return { type: "boolean" };
    case "enum":
      return { type: "string", enum: [...t.values] };
    case "duration":
      return durationSchema(t.per);
    case "list":
      return { type: "array", items: typeSchema(t.items), ...(t.minItems === undefined ? {} : { minItems: t.minItems }) };
    case "map":
      return objectSchema(t.format);
    case "custom":
      return t.schema;
  }
}

function objectSchema(format: ObjectFormat): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, field] of Object.entries(format.fields)) {
    properties[key] = { ...typeSchema(field.type), description: field.doc, ...(field.default === undefined ? {} : { default: field.default }) };
    if (field.required !== undefined) required.push(key);
  }
  const rules = format.schemaRules ?? [];
  return {
    type: "object",
    properties,
    ...(required.length === 0 ? {} : { required }),
    additionalProperties: false,
    ...(rules.length === 0 ? {} : rules.length === 1 ? rules[0] : { allOf: rules }),
  };
}

export function scenarioJsonSchema(): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "spark-dra-sim scenario",
    description: "A scenario for dra-sim (src/scenario/FORMAT.md). dra-sim's own validator checks more: rules across stages and between two numbers.",
    ...objectSchema(SCENARIO),
    definitions: SHARED_DEFINITIONS,
  };
}

/** The schema file's exact text. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
