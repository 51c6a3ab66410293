/**
 * Job requests are often kept as the shell snippet that writes them, as in the EMR on EKS
 * guide: `cat >request.json << EOF`, the JSON, then `EOF`, maybe inside a Markdown fence.
 * This cuts the JSON out so the text can be used as written.
 */
export interface Unwrapped {
  /** The JSON (or the input unchanged when no wrapper was found). */
  readonly text: string;
  /** Lines removed before `text`: added to positions so they point into the original. */
  readonly lineOffset: number;
  /** The heredoc delimiter, when a heredoc was found. */
  readonly delimiter?: string;
  readonly notes: readonly string[];
}

const HEREDOC_START = /^\s*cat\b[^<]*<<(-?)\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/;
const FENCE = /^\s*```/;

export function unwrapHeredoc(input: string): Unwrapped {
  const lines = input.split("\n").map((l) => l.replace(/\r$/, ""));
  let first = 0;
  let last = lines.length - 1;
  const blank = (k: number): boolean => lines[k]!.trim() === "";
  while (first <= last && blank(first)) first++;
  while (last >= first && blank(last)) last--;
  // A Markdown code fence around the snippet.
  if (first < last && FENCE.test(lines[first]!) && FENCE.test(lines[last]!)) {
    first++;
    last--;
  }
  const start = first <= last ? HEREDOC_START.exec(lines[first]!) : null;
  if (start === null) {
    if (first === 0) return { text: input, lineOffset: 0, notes: [] };
    return { text: lines.slice(first, last + 1).join("\n"), lineOffset: first, notes: [] };
  }
  const stripTabs = start[1] === "-";
  const quoted = start[2] !== "";
  const delimiter = start[3]!;
  const notes: string[] = [];
  const isEnd = (line: string): boolean => (stripTabs ? line.replace(/^\t+/, "") : line).trimEnd() === delimiter;
  let end = first + 1;
  while (end <= last && !isEnd(lines[end]!)) end++;
  if (end > last) notes.push(`the heredoc has no closing ${delimiter} line; read to the end of the text`);
  else if (end < last) notes.push(`text after the closing ${delimiter} line is ignored`);
  let body = lines.slice(first + 1, end);
  if (stripTabs) body = body.map((l) => l.replace(/^\t+/, ""));
  const text = body.join("\n");
  // An unquoted delimiter lets the shell expand $VAR and `cmd`; this reads the text as written.
  if (!quoted && /[$`]/.test(text)) notes.push(`the heredoc delimiter is unquoted, so a shell would expand $ and \` in it; the text is read as written`);
  return { text, lineOffset: first + 1, delimiter, notes };
}
