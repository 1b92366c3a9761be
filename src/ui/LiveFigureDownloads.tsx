import { useState } from "preact/hooks";

/**
 * "Download this figure: SVG · PNG" under a figure drawn only in the browser (from the reader's
 * own file, say), which has no file in the build for FigureDownloads.tsx to link to: buttons that
 * make the file from the figure as it is on screen (src/ui/figure-file.ts, loaded on the first
 * press), named `file`.svg or `file`.png. Says so when the browser cannot make it.
 */
export function LiveFigureDownloads({ file }: { file: string }) {
  const [failed, setFailed] = useState(false);
  const save = (kind: "svg" | "png") => (event: Event) => {
    const svg = (event.currentTarget as Element).closest("figure")?.querySelector<SVGSVGElement>(".figure__plot svg");
    if (!svg) return setFailed(true);
    setFailed(false);
    void import("./figure-file.ts").then((made) => made.downloadFigure(svg, kind, `${file}.${kind}`)).catch(() => setFailed(true));
  };
  return (
    <p class="figure__downloads" data-pagefind-ignore>
      Download this figure:{" "}
      <button type="button" class="text-button" onClick={save("svg")} aria-label="Download this figure as SVG">
        SVG
      </button>{" "}
      ·{" "}
      <button type="button" class="text-button" onClick={save("png")} aria-label="Download this figure as PNG">
        PNG
      </button>
      {failed && <span role="alert"> This browser could not make the file.</span>}
    </p>
  );
}
