// Writes schema/scenario.schema.json from the scenario format's description
// (src/scenario/format/scenarioFormat.ts). Run with `npm run schema` (builds first);
// test/scenario/format/jsonSchema.test.ts fails when the file is not current.
import { writeFileSync } from "node:fs";
import { scenarioJsonSchemaText } from "../dist/src/scenario/format/jsonSchema.js";

const target = new URL("./scenario.schema.json", import.meta.url);
writeFileSync(target, scenarioJsonSchemaText());
console.log(`wrote ${target.pathname}`);
