// A module hook (node --import) that makes importing fast-check fail, naming the importer:
// proof that a command runs without the test library installed.
import { register } from "node:module";

const hook = `export async function resolve(specifier, context, next) {
  if (specifier === "fast-check" || specifier.startsWith("fast-check/")) {
    throw new Error("fast-check imported at runtime by " + context.parentURL);
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
