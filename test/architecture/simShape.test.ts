import ts from "typescript";
import { describe, expect, it } from "vitest";
import { parse, readSource, sourceFiles } from "./sources.js";

/**
 * Small files, one concept each (house style 10): no file in `sim/` over 300 lines and no
 * function, method, constructor or accessor over 60, measured from its first line (the
 * signature) to its closing brace, with the TypeScript compiler's own parse.
 */
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;

/** Functions over the limit for now, each with the reason (none left). */
const OVER_FUNCTION_LIMIT_FOR_NOW: ReadonlyMap<string, string> = new Map<string, string>([]);

interface FunctionSpan {
  readonly name: string;
  readonly lines: number;
}

/** Every function-like node with a body, named as a reader would look for it. */
export function functionSpans(source: ts.SourceFile): FunctionSpan[] {
  const out: FunctionSpan[] = [];
  const lineOf = (pos: number): number => source.getLineAndCharacterOfPosition(pos).line;
  const visit = (node: ts.Node, owner: string): void => {
    let name = owner;
    if (ts.isClassDeclaration(node) && node.name !== undefined) name = node.name.text;
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const own = ts.isConstructorDeclaration(node)
        ? "constructor"
        : node.name !== undefined && (ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))
          ? node.name.text
          : ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)
            ? node.parent.name.text
            : `(function at line ${lineOf(node.getStart(source)) + 1})`;
      name = owner === "" ? own : `${owner}.${own}`;
      out.push({ name, lines: lineOf(node.getEnd()) - lineOf(node.getStart(source)) + 1 });
    }
    ts.forEachChild(node, (child) => visit(child, name));
  };
  visit(source, "");
  return out;
}

describe("the shape of sim/", () => {
  const files = sourceFiles("sim").map((path) => ({ path, text: readSource(path) }));

  it("finds the sources it measures", () => {
    expect(files.map((f) => f.path)).toContain("sim/spark/SparkApplication.ts");
  });

  it(`has no file over ${MAX_FILE_LINES} lines`, () => {
    const tooLong = files
      .map((f) => ({ file: f.path, lines: f.text.split("\n").length - (f.text.endsWith("\n") ? 1 : 0) }))
      .filter((f) => f.lines > MAX_FILE_LINES);
    expect(tooLong).toEqual([]);
  });

  it(`has no function over ${MAX_FUNCTION_LINES} lines`, () => {
    const tooLong = files.flatMap((f) =>
      functionSpans(parse(f.text, f.path))
        .filter((s) => s.lines > MAX_FUNCTION_LINES && !OVER_FUNCTION_LIMIT_FOR_NOW.has(`${f.path}: ${s.name}`))
        .map((s) => `${f.path}: ${s.name} (${s.lines} lines)`),
    );
    expect(tooLong).toEqual([]);
  });
});

describe("functionSpans (the measure the rule above relies on)", () => {
  it("measures declarations, methods, constructors, accessors and arrow functions from signature to closing brace", () => {
    const spans = functionSpans(
      parse(
        [
          "function f(): void {", // 1
          "  const g = (): number => {", // 2
          "    return 1;", // 3
          "  };", // 4
          "}", // 5
          "class C {", // 6
          "  constructor() {}", // 7
          "  get x(): number {", // 8
          "    return 1;", // 9
          "  }", // 10
          "  m(): void {", // 11
          "    [1].forEach(function (v) {", // 12
          "      void v;", // 13
          "    });", // 14
          "  }", // 15
          "}", // 16
        ].join("\n"),
      ),
    );
    expect(spans).toEqual([
      { name: "f", lines: 5 },
      { name: "f.g", lines: 3 },
      { name: "C.constructor", lines: 1 },
      { name: "C.x", lines: 3 },
      { name: "C.m", lines: 5 },
      { name: "C.m.(function at line 12)", lines: 3 },
    ]);
  });

  it("skips signatures without a body (overloads, interfaces)", () => {
    expect(functionSpans(parse("interface I { m(): void }\ndeclare function d(): void;\n"))).toEqual([]);
  });
});
