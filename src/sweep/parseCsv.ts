import { parse } from "csv-parse/sync";
import { ParseError, unwrap, type SafeParseResult } from "../../sim/errors.js";

/** A record of a CSV text and the line it starts on (1-based), for error messages. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/**
 * RFC 4180 CSV as csv-stringify writes it, read with csv-parse (its sibling): quoted fields,
 * doubled quotes, line breaks inside quotes, LF or CRLF. Each record keeps the line it
 * starts on, counted from `firstLine`, so errors can point into the file.
 */
export function safeParseCsv(text: string, firstLine = 1): SafeParseResult<CsvRecord[], ParseError> {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, { info: true, relax_column_count: true, skip_empty_lines: false }) as unknown as ParsedRecord[];
  } catch (e) {
    const err = e as { message?: string; code?: string; lines?: number };
    const message = err.code === "CSV_QUOTE_NOT_CLOSED" ? "a quoted field is not closed" : (err.message ?? String(e));
    return { success: false, error: new ParseError(message, firstLine + (err.lines ?? 1) - 1) };
  }
  const records: CsvRecord[] = [];
  let nextLine = firstLine;
  for (const r of parsed) {
    records.push({ line: nextLine, fields: r.record });
    // info.lines is the line the record ends on: the next record starts after it.
    nextLine = firstLine + r.info.lines;
  }
  return { success: true, data: records };
}

/** `safeParseCsv`, throwing its `ParseError` (whose `line` is where the CSV breaks). */
export function parseCsv(text: string, firstLine = 1): CsvRecord[] {
  return unwrap(safeParseCsv(text, firstLine));
}
