import { describe, expect, it } from "vitest";
import { unwrapHeredoc } from "../../src/scenario/index.js";

describe("unwrapHeredoc", () => {
  it("cuts the JSON out of `cat > f << EOF` ... `EOF`, counting the lines removed", () => {
    expect(unwrapHeredoc("cat >r.json << EOF\n{}\nEOF\n")).toEqual({ text: "{}", lineOffset: 1, delimiter: "EOF", notes: [] });
    expect(unwrapHeredoc("\n\ncat <<END >r.json\n{\n}\nEND")).toEqual({ text: "{\n}", lineOffset: 3, delimiter: "END", notes: [] });
  });

  it("leaves text without a wrapper as it is", () => {
    expect(unwrapHeredoc('{"a": 1}\n')).toEqual({ text: '{"a": 1}\n', lineOffset: 0, notes: [] });
  });

  it("handles CRLF line ends", () => {
    expect(unwrapHeredoc("cat > r.json << EOF\r\n{}\r\nEOF\r\n").text).toBe("{}");
  });

  it("notes text after the closing line, and shell expansion an unquoted delimiter would do", () => {
    expect(unwrapHeredoc("cat >r.json << EOF\n{}\nEOF\naws emr-containers start-job-run\n").notes).toEqual(["text after the closing EOF line is ignored"]);
    expect(unwrapHeredoc('cat >r.json << EOF\n{"a": "$HOME"}\nEOF\n').notes[0]).toContain("a shell would expand");
    expect(unwrapHeredoc("cat >r.json << 'EOF'\n{\"a\": \"$HOME\"}\nEOF\n").notes).toEqual([]);
  });
});
