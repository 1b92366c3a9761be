/**
 * The toy-model page's build-time run as files a reader can download without JavaScript (the
 * island links to them until the reader trains a run of their own): CSV and JSON, named by its
 * settings and seed.
 */
import type { APIRoute, GetStaticPaths } from "astro";
import { buildTimeToyModel } from "../../features/toy-model/components/build-time-runs.ts";
import { toyModelCsv, toyModelFileName, toyModelJson } from "../../features/toy-model/engine/export.ts";
import { pathOf } from "../../facts/sections.ts";
import { absoluteUrl } from "../../facts/site.ts";

const TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" } as const;

export const getStaticPaths = (() =>
  (["csv", "json"] as const).map((extension) => ({
    params: { file: toyModelFileName(buildTimeToyModel().result.settings, extension) },
    props: { extension },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) => {
  const extension = (props as { extension: keyof typeof TYPES }).extension;
  const run = buildTimeToyModel();
  const text = extension === "csv" ? toyModelCsv(run) : toyModelJson(run, absoluteUrl(pathOf("trained-toy-models"), site));
  return new Response(text, { headers: { "Content-Type": TYPES[extension] } });
};
