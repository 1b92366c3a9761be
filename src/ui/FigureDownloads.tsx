import { withBase } from "../facts/site.ts";

/**
 * "Download this figure: SVG · PNG" under a figure. The links are the build's files of the
 * prerendered figure (src/pages/figures/), so they work without JavaScript; with it, a page-wide
 * handler (FigureDownloadHandler.astro) makes the file from the figure as it is on screen, so a
 * redrawn figure downloads as the reader sees it. `file` names the build's file.
 */
export function FigureDownloads({ file }: { file: string }) {
  return (
    <p class="figure__downloads" data-pagefind-ignore>
      Download this figure:{" "}
      <a href={withBase(`/figures/${file}.svg`)} download={`${file}.svg`} data-figure-download="svg">
        SVG
      </a>{" "}
      ·{" "}
      <a href={withBase(`/figures/${file}.png`)} download={`${file}.png`} data-figure-download="png">
        PNG
      </a>
    </p>
  );
}
