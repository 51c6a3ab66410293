import { Ajv } from "ajv";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema, scenarioJsonSchemaText } from "../../../src/scenario/format/jsonSchema.js";
import { SCENARIO } from "../../../src/scenario/format/scenarioFormat.js";
import { loadScenarioFile } from "../../../src/scenario/loadScenario.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const SCHEMA_FILE = join(ROOT, "schema/scenario.schema.json");
const SCENARIOS = readdirSync(join(ROOT, "scenarios")).filter((f) => /\.(ya?ml|json)$/.test(f));
const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true });

describe("schema/scenario.schema.json", () => {
  it("is what the format's description generates, byte for byte (run `npm run schema` after changing it)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(scenarioJsonSchemaText());
  });

  it("is a draft-07 schema that ajv compiles in strict mode", () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
    expect(schema["$schema"]).toBe("http://json-schema.org/draft-07/schema#");
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it("ships in the package", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toContain("schema/scenario.schema.json");
  });

  it("lists every key of the description, with its doc, and refuses others", () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, { description: string }>; additionalProperties: boolean; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(Object.keys(SCENARIO.fields));
    for (const [key, field] of Object.entries(SCENARIO.fields)) expect(schema.properties[key]?.description).toBe(field.doc);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["workload"]);
  });
});

describe("the example scenarios", () => {
  const validate = ajv.compile(scenarioJsonSchema());

  it.each(SCENARIOS)("%s names the schema on its first line, for editors (yaml-language-server)", (file) => {
    const first = readFileSync(join(ROOT, "scenarios", file), "utf8").split("\n")[0]!;
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m).not.toBeNull();
    expect(resolve(ROOT, "scenarios", m![1]!)).toBe(SCHEMA_FILE);
  });

  it.each(SCENARIOS)("%s is valid for the schema and for the validator", async (file) => {
    const path = join(ROOT, "scenarios", file);
    const doc: unknown = parse(readFileSync(path, "utf8"));
    expect(validate(doc), ajv.errorsText(validate.errors)).toBe(true);
    // Loaded from its file, so a jobRequest path resolves.
    await expect(loadScenarioFile(path)).resolves.toBeDefined();
  });

  it("the schema comment is only a comment: the document reads the same without it", () => {
    for (const file of SCENARIOS) {
      const text = readFileSync(join(ROOT, "scenarios", file), "utf8");
      expect(parse(text)).toEqual(parse(text.split("\n").slice(1).join("\n")));
    }
  });
});
