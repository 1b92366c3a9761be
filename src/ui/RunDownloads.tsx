import { saveText } from "./save-file.ts";

interface Props {
  /** What is downloaded, for the buttons' accessible names: "this run". */
  what: string;
  /** The file names and contents, made only when a button is pressed. */
  csv: () => { name: string; text: string };
  json: () => { name: string; text: string };
}

/** "Download this run: CSV · JSON": a run's settings, seed and numbers as files. */
export function RunDownloads({ what, csv, json }: Props) {
  const save = (file: () => { name: string; text: string }, type: string) => () => {
    const { name, text } = file();
    saveText(name, type, text);
  };
  return (
    <p class="run-downloads">
      Download {what}:{" "}
      <button type="button" class="text-button" onClick={save(csv, "text/csv")} aria-label={`Download ${what} as CSV`}>
        CSV
      </button>{" "}
      ·{" "}
      <button type="button" class="text-button" onClick={save(json, "application/json")} aria-label={`Download ${what} as JSON`}>
        JSON
      </button>
    </p>
  );
}
