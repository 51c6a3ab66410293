import { builtinModules } from "node:module";
import { dirname, join, normalize, sep } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { parse, readSource, sourceFiles } from "./sources.js";

/**
 * The seams between the layers, checked on the sources themselves:
 * - `src/` reaches `sim/` only through its public entries (`sim/index.ts`; the output contract
 *   `sim/result/index.ts` and the error model `sim/errors.ts`, which reporters and the CLI's
 *   start-up load without the engine), never a module inside it;
 * - `sim/result` (the output contract) depends on nothing in `sim/spark` (the model writes the
 *   result, not the other way round);
 * - `sim/` is pure: no Node.js module (`node:*`, `fs`, `path`...), no wall clock (`Date`,
 *   `performance.now`, `process.hrtime`), no `Math.random` or `crypto`, no timers, no `process`.
 */
/** The modules of `sim/` that `src/` may import. */
export const SIM_ENTRIES = ["sim/index.ts", "sim/result/index.ts", "sim/errors.ts"];

interface Import {
  /** As written. */
  readonly specifier: string;
  /** Repo-relative path it resolves to (`.js` written, `.ts` on disk), or the bare name. */
  readonly target: string;
  readonly line: number;
}

/** Every module a source file imports: static and type-only imports, re-exports, dynamic `import()`. */
export function importsOf(source: ts.SourceFile, fileFromRepo: string): Import[] {
  const out: Import[] = [];
  const add = (literal: ts.StringLiteralLike): void => {
    const specifier = literal.text;
    const target = specifier.startsWith(".")
      ? normalize(join(dirname(fileFromRepo), specifier)).split(sep).join("/").replace(/\.js$/, ".ts")
      : specifier;
    out.push({ specifier, target, line: source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteralLike(node.moduleSpecifier)) {
      add(node.moduleSpecifier);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg !== undefined && ts.isStringLiteralLike(arg)) add(arg);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteralLike(node.argument.literal)) {
      add(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Names `sim/` must not touch: the wall clock, ambient randomness, timers, the process. */
const IMPURE_ACCESS = ["Date.now", "performance.now", "process.hrtime", "Math.random", "crypto.getRandomValues", "crypto.randomUUID"];
const IMPURE_IDENTIFIERS = new Set(["process", "performance", "crypto", "setTimeout", "setInterval", "setImmediate", "queueMicrotask"]);

/** Uses of the wall clock, ambient randomness, timers or the process, with their line. */
export function impureUses(source: ts.SourceFile): string[] {
  const out: string[] = [];
  const at = (node: ts.Node, what: string): void => {
    out.push(`${what} (line ${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1})`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && IMPURE_ACCESS.includes(node.getText(source).replace(/\s/g, ""))) at(node, node.getText(source));
    else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "Date") at(node, "new Date");
    else if (ts.isIdentifier(node) && IMPURE_IDENTIFIERS.has(node.text) && !isDeclarationName(node)) at(node, node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...new Set(out)];
}

/** A property name (`x.process`, `{ process: 1 }`) is not a use of the global. */
function isDeclarationName(node: ts.Identifier): boolean {
  const p = node.parent;
  return (ts.isPropertyAccessExpression(p) && p.name === node) || (ts.isPropertyAssignment(p) && p.name === node) || (ts.isPropertyDeclaration(p) && p.name === node) || (ts.isMethodDeclaration(p) && p.name === node);
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNodeModule = (specifier: string): boolean => specifier.startsWith("node:") || NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split("/")[0]!);

const load = (file: string): ts.SourceFile => parse(readSource(file), file);

/** `src/` imports of a `sim/` module that is not an entry. */
export function simInternalsImported(file: string, source: ts.SourceFile): string[] {
  return importsOf(source, file)
    .filter((i) => i.target.startsWith("sim/") && !SIM_ENTRIES.includes(i.target))
    .map((i) => `${file}:${i.line} imports "${i.specifier}"`);
}

describe("layer boundaries", () => {
  const srcFiles = sourceFiles("src");
  const simFiles = sourceFiles("sim");

  it("finds the sources it checks", () => {
    expect(srcFiles.length).toBeGreaterThan(50);
    expect(simFiles).toEqual(expect.arrayContaining(SIM_ENTRIES));
  });

  it("src/ imports sim/ only through its entries (sim/index.ts, sim/result/index.ts, sim/errors.ts)", () => {
    expect(srcFiles.flatMap((f) => simInternalsImported(f, load(f)))).toEqual([]);
  });

  it("sim/result (the output contract) imports nothing from sim/spark", () => {
    const offending = simFiles
      .filter((f) => f.startsWith("sim/result/"))
      .flatMap((f) => importsOf(load(f), f).filter((i) => i.target.startsWith("sim/spark/")).map((i) => `${f}:${i.line} imports "${i.specifier}"`));
    expect(offending).toEqual([]);
  });

  it("sim/ imports no Node.js module", () => {
    const offending = simFiles.flatMap((f) => importsOf(load(f), f).filter((i) => isNodeModule(i.specifier)).map((i) => `${f}:${i.line} imports "${i.specifier}"`));
    expect(offending).toEqual([]);
  });

  it("sim/ reads no wall clock, no ambient randomness, no timers, no process", () => {
    expect(simFiles.flatMap((f) => impureUses(load(f)).map((u) => `${f}: ${u}`))).toEqual([]);
  });
});

describe("the checks themselves", () => {
  it("see static, type-only, re-exported, dynamic and import-type imports, resolved from the importing file", () => {
    const source = parse(
      [
        'import { a } from "../../sim/spark/SparkApplication.js";',
        'import type { B } from "../../sim/result/SimEvent.js";',
        'export { c } from "../../sim/index.js";',
        'const m = await import("../../sim/spark/SimulationError.js");',
        'type T = import("../../sim/conf/SparkConf.js").SparkConf;',
        'import { readFileSync } from "node:fs";',
      ].join("\n"),
    );
    expect(simInternalsImported("src/cli/x.ts", source)).toEqual([
      'src/cli/x.ts:1 imports "../../sim/spark/SparkApplication.js"',
      'src/cli/x.ts:2 imports "../../sim/result/SimEvent.js"',
      'src/cli/x.ts:4 imports "../../sim/spark/SimulationError.js"',
      'src/cli/x.ts:5 imports "../../sim/conf/SparkConf.js"',
    ]);
    expect(importsOf(source, "src/cli/x.ts").map((i) => i.target)).toContain("sim/index.ts");
  });

  it("tell Node.js modules from packages", () => {
    expect(["node:fs", "fs", "path", "fs/promises", "worker_threads"].map(isNodeModule)).toEqual([true, true, true, true, true]);
    expect(["seedrandom", "./EventQueue.js", "yaml"].map(isNodeModule)).toEqual([false, false, false]);
  });

  it("find the wall clock, ambient randomness, timers and the process, but not names that only look like them", () => {
    const uses = impureUses(
      parse(
        [
          "const t = Date.now();", // 1
          "const d = new Date();", // 2
          "const p = performance.now();", // 3
          "const h = process.hrtime.bigint();", // 4
          "const r = Math.random();", // 5
          "setTimeout(() => {}, 1);", // 6
          "const o = { process: 1, now: 2 };", // 7
          "const q = o.process + Math.max(1, 2);", // 8
          "// Date.now() in a comment", // 9
        ].join("\n"),
      ),
    );
    expect(uses).toEqual(["Date.now (line 1)", "new Date (line 2)", "performance.now (line 3)", "performance (line 3)", "process.hrtime (line 4)", "process (line 4)", "Math.random (line 5)", "setTimeout (line 6)"]);
  });
});
