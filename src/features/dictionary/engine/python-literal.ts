/**
 * The small part of Python's literal syntax that an `.npy` header uses: a dict of strings to
 * strings, booleans and tuples of integers, e.g. {'descr': '<f4', 'fortran_order': False,
 * 'shape': (16384, 2304), }. Parsed by hand (no eval): strings in single or double quotes (with
 * backslash escapes), True, False, None, integers (a trailing L from Python 2 allowed), tuples,
 * lists and dicts, with trailing commas.
 */

/** A parsed literal: tuples and lists become arrays, dicts become Maps (keys keep their type). */
export type PythonValue = string | number | boolean | null | PythonValue[] | Map<PythonValue, PythonValue>;

/** A syntax error in a literal, with the position where it was found. */
export class PythonLiteralError extends Error {
  override readonly name = "PythonLiteralError";
}

/**
 * Parses `text` as one Python literal (surrounding whitespace allowed). Throws a
 * {@link PythonLiteralError} saying where the syntax breaks, for anything outside the subset above.
 */
export function parsePythonLiteral(text: string): PythonValue {
  let at = 0;
  const fail = (what: string): never => {
    throw new PythonLiteralError(`${what} at character ${at} of ${JSON.stringify(text.slice(0, 120))}`);
  };
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  const sequence = (close: string): PythonValue[] => {
    const items: PythonValue[] = [];
    skipSpace();
    while (text[at] !== close) {
      items.push(value());
      skipSpace();
      if (text[at] === ",") {
        at++;
        skipSpace();
      } else if (text[at] !== close) fail(`expected "," or "${close}"`);
    }
    at++;
    return items;
  };
  const value = (): PythonValue => {
    skipSpace();
    const c = text[at];
    if (c === undefined) return fail("unexpected end");
    if (c === "'" || c === '"') {
      at++;
      let out = "";
      while (text[at] !== c) {
        if (at >= text.length) fail("unterminated string");
        if (text[at] === "\\") {
          at++;
          const escaped = text[at++];
          out += escaped === "n" ? "\n" : escaped === "t" ? "\t" : (escaped ?? "");
        } else out += text[at++];
      }
      at++;
      return out;
    }
    if (c === "(") {
      at++;
      return sequence(")");
    }
    if (c === "[") {
      at++;
      return sequence("]");
    }
    if (c === "{") {
      at++;
      const map = new Map<PythonValue, PythonValue>();
      skipSpace();
      while (text[at] !== "}") {
        const key = value();
        skipSpace();
        if (text[at] !== ":") fail('expected ":"');
        at++;
        map.set(key, value());
        skipSpace();
        if (text[at] === ",") at++;
        else if (text[at] !== "}") fail('expected "," or "}"');
        skipSpace();
      }
      at++;
      return map;
    }
    const word = /^(True|False|None|-?\d+L?)/.exec(text.slice(at, at + 40));
    if (word === null) return fail("unexpected character");
    at += word[0].length;
    if (word[0] === "True") return true;
    if (word[0] === "False") return false;
    if (word[0] === "None") return null;
    return Number(word[0].replace("L", ""));
  };
  const result = value();
  skipSpace();
  if (at !== text.length) fail("unexpected text after the literal");
  return result;
}
