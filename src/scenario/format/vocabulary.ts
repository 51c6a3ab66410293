/**
 * The words the scenario format is described in (scenarioFormat.ts). One description feeds
 * the readers (keys, ranges, required keys, enum values, "what" texts of their messages)
 * and the JSON Schema (jsonSchema.ts), so the two cannot drift apart.
 */

/** A JSON Schema (draft-07) fragment. */
export type JsonSchema = { readonly [key: string]: unknown };

/** An integer field; `ms` fields are whole milliseconds (messages say so). */
export interface IntegerType {
  readonly type: "integer";
  readonly min: number;
  readonly max?: number;
  /** Why the maximum, said when it is exceeded. */
  readonly maxReason?: string;
  readonly ms?: boolean;
}

/** A number field with an inclusive range (a fraction, a factor). */
export interface NumberRange {
  readonly type: "range";
  readonly min: number;
  readonly max?: number;
  /** What the number is, for messages ("the fraction of tasks that straggle"). */
  readonly what: string;
}

export type FieldType =
  | IntegerType
  /** A finite number above `exclusiveMin` (a rate). */
  | { readonly type: "number"; readonly exclusiveMin: number }
  /** A finite number from `min` to `max` (inclusive). */
  | NumberRange
  /** Non-blank unless `allowEmpty`; `pattern` (a JavaScript regular expression) when given. */
  | { readonly type: "string"; readonly allowEmpty?: boolean; readonly pattern?: string }
  | { readonly type: "enum"; readonly values: readonly string[] }
  | { readonly type: "boolean" }
  /** A duration spec: ms, a list of ms, or a distribution map (see DURATION in scenarioFormat.ts). */
  | { readonly type: "duration"; readonly per: "task" | "executor" }
  | { readonly type: "list"; readonly items: FieldType; readonly minItems?: number }
  | { readonly type: "map"; readonly format: ObjectFormat }
  /** A value with a reader of its own (conf, sparkVersion, jobRequest): its schema is given. */
  | { readonly type: "custom"; readonly schema: JsonSchema };

export interface Field {
  readonly type: FieldType;
  /** One line for editors (the schema's description). */
  readonly doc: string;
  /** Present when the key must be given: what it is, as the "is required: ..." message says. */
  readonly required?: string;
  /** The value used when the key is absent, for the docs (the readers apply it). */
  readonly default?: unknown;
}

export interface ObjectFormat {
  /** How messages name the map: `must be ${what}, got ...`. */
  readonly what: string;
  /** The allowed keys, in the order messages list them. */
  readonly fields: { readonly [key: string]: Field };
  /** Fixed messages for keys known to belong elsewhere (`jobs` at the top level). */
  readonly hints?: { readonly [key: string]: string };
  /**
   * Rules across this map's keys that JSON Schema can say (not both of two keys, one of some
   * forms), as schema fragments; the readers check the same rules in code.
   */
  readonly schemaRules?: readonly JsonSchema[];
}

/** The allowed keys of a map, in order. */
export function keysOf(format: ObjectFormat): readonly string[] {
  return Object.keys(format.fields);
}

/** The field's integer rule, for readInteger. */
export function integerRule(format: ObjectFormat, key: string): IntegerType {
  const t = fieldOf(format, key).type;
  if (t.type !== "integer") throw new Error(`scenario format: ${key} is not an integer field`);
  return t;
}

/** The "is required: ..." text of a required field. */
export function requiredText(format: ObjectFormat, key: string): string {
  const text = fieldOf(format, key).required;
  if (text === undefined) throw new Error(`scenario format: ${key} is not required`);
  return text;
}

/** The nested map's format of a `map` field. */
export function mapFormat(format: ObjectFormat, key: string): ObjectFormat {
  const t = fieldOf(format, key).type;
  if (t.type !== "map") throw new Error(`scenario format: ${key} is not a map field`);
  return t.format;
}

export function fieldOf(format: ObjectFormat, key: string): Field {
  const field = format.fields[key];
  if (field === undefined) throw new Error(`scenario format: no field ${key} in ${format.what}`);
  return field;
}

/** The field's number range, for readNumberInRange. */
export function rangeRule(format: ObjectFormat, key: string): NumberRange {
  const t = fieldOf(format, key).type;
  if (t.type !== "range") throw new Error(`scenario format: ${key} is not a number-range field`);
  return t;
}
