import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** What the architecture tests read: the repository's TypeScript sources, parsed by the compiler. */
export const repo = join(import.meta.dirname, "..", "..");

/** Every `.ts` file below `dir` (repo-relative, "/"-separated), as repo-relative paths. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true }).flatMap((d) => {
    const path = `${dir}/${d.name}`;
    if (d.isDirectory()) return sourceFiles(path);
    return d.name.endsWith(".ts") ? [path] : [];
  });
}

export const parse = (text: string, fileName = "x.ts"): ts.SourceFile => ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);

/** A repo-relative source file's text. */
export const readSource = (file: string): string => readFileSync(join(repo, file), "utf8");
