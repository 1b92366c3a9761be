/**
 * What can be wrong with a file a reader drops on the dictionary page, as one typed error: a
 * `problem` code the page and the tests can branch on, and a sentence for the reader that names
 * the file and what is wrong with it (never a stack trace, never NaN).
 */

/** The kinds of bad file (and bad request) the readers tell apart. */
export type DictionaryProblem =
  /** The file has no bytes at all. */
  | "empty"
  /** The file ends before a part its own header promises (a download cut short). */
  | "truncated"
  /** A header length that points past the end of the file or is absurdly large. */
  | "header-length"
  /** A safetensors header that is not JSON, or an npy header that is not a Python dict literal. */
  | "header-syntax"
  /** A header that parses but does not describe tensors the way the format says. */
  | "header-content"
  /** A tensor stored in a number type the readers do not decode (int8, complex, big-endian …). */
  | "unknown-dtype"
  /** A tensor that is not 2-D (a bias vector, a scalar, a 3-D stack). */
  | "not-2d"
  /** A tensor whose shape and number type need more or fewer bytes than its entry holds. */
  | "size-mismatch"
  /** A zip archive that holds no .npy arrays (or a PyTorch checkpoint, which is a zip too). */
  | "not-npz"
  /** An archive or file with arrays, none of them 2-D. */
  | "no-2d-array"
  /** Compressed data that does not inflate, or a zip feature the reader does not handle. */
  | "corrupt"
  /** Bytes that are none of the formats the page reads (a PNG renamed .npz, a text file …). */
  | "unknown-format"
  /** A cfg.json that is not a JSON object. */
  | "config"
  /** A request outside what the engine accepts (a tensor name not in the file, too few live rows …). */
  | "request";

/** A file the engine cannot read, or a measurement it cannot make, with the reason in words. */
export class DictionaryFileError extends Error {
  override readonly name = "DictionaryFileError";
  readonly problem: DictionaryProblem;

  constructor(problem: DictionaryProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

/** Whether a thrown value is a {@link DictionaryFileError} (also across a structured clone, by shape). */
export function isDictionaryFileError(error: unknown): error is DictionaryFileError {
  return error instanceof DictionaryFileError;
}

/** A size in bytes for a message: "1.9 GB", "540 KB", "12 bytes". */
export function describeBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte${bytes === 1 ? "" : "s"}`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value >= 100 ? value.toFixed(0) : value.toPrecision(2)} ${units[unit]}`;
}
