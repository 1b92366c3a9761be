import type { ComponentChildren } from "preact";
import { toyModelCsv, toyModelFileName, toyModelJson } from "../engine/export.ts";
import type { ToyModelSummary } from "../engine/summary.ts";
import { withBase } from "../../../facts/site.ts";
import { RunDownloads } from "../../../ui/RunDownloads.tsx";
import { ToyModelFigures } from "./ToyModelFigures.tsx";
import type { LastToyModelRun } from "./toy-model-last-run.ts";
import { ToyModelTable } from "./ToyModelTable.tsx";

interface Props {
  last: LastToyModelRun | undefined;
  initial?: ToyModelSummary | undefined;
  /** The build's figures (Astro slots), shown until a run made here is drawn. */
  prerendered: { gram?: ComponentChildren; features?: ComponentChildren; loss?: ComponentChildren };
}

/**
 * The last completed run: its table against the post, its files and its figures. A component of
 * its own so that the island can keep it as it is while a run's progress arrives (ten times a
 * second): only the progress is redrawn then.
 */
export function ToyModelResults({ last, initial, prerendered }: Props) {
  if (!last) return <p>No run yet: press Train.</p>;
  const run = last.run;
  return (
    <>
      <ToyModelTable last={last} />
      {run ? (
        <RunDownloads
          what="this run"
          csv={() => ({ name: toyModelFileName(run.result.settings, "csv"), text: toyModelCsv(run) })}
          json={() => ({ name: toyModelFileName(run.result.settings, "json"), text: toyModelJson(run, window.location.href) })}
        />
      ) : (
        <BuildRunFiles summary={last.summary} />
      )}
      <ToyModelFigures last={last} initial={initial} prerendered={prerendered} />
    </>
  );
}

/** The build's run as files: links to what the build wrote (src/pages/runs/), so they work without JavaScript. */
function BuildRunFiles({ summary }: { summary: ToyModelSummary }) {
  const link = (extension: "csv" | "json") => {
    const name = toyModelFileName(summary.settings, extension);
    return (
      <a href={withBase(`/runs/${name}`)} download={name} aria-label={`Download this run as ${extension.toUpperCase()}`}>
        {extension.toUpperCase()}
      </a>
    );
  };
  return (
    <p class="run-downloads">
      Download this run: {link("csv")} · {link("json")}
    </p>
  );
}
