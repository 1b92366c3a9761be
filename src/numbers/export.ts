/**
 * Results as files a reader takes away: CSV for a spreadsheet, JSON for a program. Pure: strings
 * in, strings out, the same in the browser and in tests.
 */

export type Cell = number | string | boolean | undefined;

function csvCell(value: Cell): string {
  if (value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`a CSV cell must be finite, got ${value}`);
    // Full precision, shortest form that reads back to the same double.
    return String(value);
  }
  const text = String(value);
  // RFC 4180: quote a cell with a comma, a quote or a line break, doubling its quotes. A cell that
  // a spreadsheet would run as a formula (=, +, −, @ first) is quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A CSV table: a header row of `columns`, then one row per record, each cell in column order.
 * Numbers are written in full precision; an undefined cell is empty. Domain: finite numbers;
 * throws a RangeError on NaN or Infinity (a result must never carry them).
 */
export function toCsv<Row extends Record<string, Cell>>(columns: readonly (keyof Row & string)[], rows: readonly Row[]): string {
  const lines = [columns.map(csvCell).join(","), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * JSON with two-space indentation. Domain: plain data; throws a RangeError on NaN or Infinity
 * anywhere inside (JSON would silently write them as null).
 */
export function toJson(data: unknown): string {
  return `${JSON.stringify(
    data,
    (key, value: unknown) => {
      if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError(`${key || "a value"} is ${value}: not a number JSON can hold`);
      return value;
    },
    2,
  )}\n`;
}
