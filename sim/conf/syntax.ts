import { parseBoolean, parseDouble, parseInt32, parseMebibytes, parseTimeAs, type Parsed } from "./values.js";

/**
 * The value syntax of a config entry: `ConfigBuilder`'s `booleanConf`, `intConf`,
 * `doubleConf`, `timeConf(unit)` and `bytesConf(ByteUnit.MiB)`. Time values are carried in
 * milliseconds whatever the key's unit.
 */
export type ConfValueType =
  | "boolean"
  | "int"
  | "double"
  /** `timeConf(TimeUnit.SECONDS)`: a bare number is seconds; sub-second values truncate. */
  | "seconds"
  /** `timeConf(TimeUnit.MILLISECONDS)`. */
  | "milliseconds"
  /** `bytesConf(ByteUnit.MiB)`. */
  | "mebibytes"
  /** `stringConf` of a path whose presence is all the model reads (`createOptional`). */
  | "path";

/** The exception Spark throws when it cannot read a value. */
export type ConfException = "java.lang.IllegalArgumentException" | "java.lang.NumberFormatException";

export type SyntaxParsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly message: string; readonly exception: ConfException };

export interface ValueSyntax<T> {
  readonly type: ConfValueType;
  /** Reads `text` as Spark does, or gives the exception Spark would throw reading `key`. */
  parse(key: string, text: string): SyntaxParsed<T>;
  /** Text in this syntax that reads back as `value` (a finite value: Infinity has no text). */
  format(value: T): string;
  /** The value as `checkValue` sees and prints it: in the key's own unit. */
  inKeyUnit(value: T): T;
}

/** A value parser's result with the exception Spark throws when it fails. */
function thrown<T>(r: Parsed<T>, exception: ConfException): SyntaxParsed<T> {
  return r.ok ? r : { ok: false, message: r.message, exception };
}
const IAE = "java.lang.IllegalArgumentException";
const NFE = "java.lang.NumberFormatException";
const same = <T>(v: T): T => v;

/** A syntax without units: Spark throws IllegalArgumentException for text it cannot read. */
function unitless<T extends boolean | number>(type: "boolean" | "int" | "double", parse: (key: string, text: string) => Parsed<T>): ValueSyntax<T> {
  return { type, parse: (key, text) => thrown(parse(key, text), IAE), format: String, inKeyUnit: same };
}

export const BOOLEAN: ValueSyntax<boolean> = unitless("boolean", parseBoolean);
export const INT: ValueSyntax<number> = unitless("int", parseInt32);
export const DOUBLE: ValueSyntax<number> = unitless("double", parseDouble);

/** `timeConf(TimeUnit.SECONDS)`, carried in ms: "1500ms" is 1 s, so 1000 ms. */
export const SECONDS: ValueSyntax<number> = {
  type: "seconds",
  parse: (_key, text) => {
    const r = parseTimeAs(text, "s");
    return thrown(r.ok ? { ok: true, value: r.value * 1000 } : r, NFE);
  },
  format: (ms) => `${ms / 1000}s`,
  inKeyUnit: (ms) => ms / 1000,
};

/** `timeConf(TimeUnit.MILLISECONDS)`. */
export const MILLISECONDS: ValueSyntax<number> = {
  type: "milliseconds",
  parse: (_key, text) => thrown(parseTimeAs(text, "ms"), NFE),
  format: (ms) => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`),
  inKeyUnit: same,
};

/** `bytesConf(ByteUnit.MiB)`. */
export const MEBIBYTES: ValueSyntax<number> = {
  type: "mebibytes",
  parse: (_key, text) => thrown(parseMebibytes(text), NFE),
  format: (mib) => `${mib}m`,
  inKeyUnit: same,
};

/**
 * A path key (`stringConf.createOptional`), read as whether it is set: the model only asks
 * whether there is somewhere to put things (the fallback storage), never what it holds.
 */
export const PATH: ValueSyntax<boolean> = {
  type: "path",
  parse: () => ({ ok: true, value: true }),
  format: () => "s3a://bucket/spark-fallback/",
  inKeyUnit: same,
};
