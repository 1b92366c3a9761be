import type { ComponentChildren } from "preact";
import { calculatorAnchor, CALCULATORS, type CalculatorName } from "../registry.ts";
import { CalculatorBody } from "./CalculatorBody.tsx";
import { CopyViewLink } from "../../../ui/CopyViewLink.tsx";
import { EmbedControls } from "./EmbedControls.tsx";
import { LiveFigure } from "./LiveFigure.tsx";
import type { Scenario } from "../../../numbers/scenario.ts";
import { calculatorPageHref } from "../calculator-links.ts";
import type { Read } from "../../../ui/reads.ts";
import type { WorkerLike } from "../../../ui/useWorkerJob.ts";
import { provideWorker } from "./later-results-client.ts";

// The page's calculators share one worker for their slow outputs (later-results-client.ts).
provideWorker(() => new Worker(new URL("../engine/later-results-worker.ts", import.meta.url), { type: "module" }) as unknown as WorkerLike);

interface Props {
  name: CalculatorName;
  /** The figure rendered at build time (an Astro slot): shown until the figure goes live. */
  figure?: ComponentChildren;
  /** That figure's text alternative, from the build (none without a prerendered figure). */
  figureDescription?: string;
  /** The values that figure was drawn from (none without a prerendered figure: then it is always drawn live). */
  figureReads?: readonly Read[];
  /** On an embed page: no link to copy or embed code to offer, a link back to the full page instead. */
  embedded?: boolean;
}

/**
 * Every calculator of the site on a page: its working parts (CalculatorBody.tsx), its figure,
 * and the links to take it away (a link to this view, code to embed it in a forum post).
 */
export default function Calculator({ name, figure, figureDescription = "", figureReads, embedded = false }: Props) {
  const spec = CALCULATORS[name];
  return (
    <CalculatorBody name={name} id={calculatorAnchor(name)}>
      {(s, results, pending) => (
        <>
          <LiveFigure
            figure={name}
            scenario={s}
            results={results}
            resultsPending={pending}
            prerendered={figure}
            prerenderedReads={figureReads}
            prerenderedDescription={figureDescription}
            caption={spec.figure.caption}
          />
          {embedded ? <EmbedBackLink name={name} scenario={s} /> : <Sharing name={name} scenario={s} />}
        </>
      )}
    </CalculatorBody>
  );
}

function Sharing({ name, scenario }: { name: CalculatorName; scenario: Scenario }) {
  return (
    <>
      <CopyViewLink target={calculatorAnchor(name)} what={CALCULATORS[name].title.toLowerCase()} />
      <EmbedControls name={name} scenario={scenario} />
    </>
  );
}

/** On an embed page: the calculator's full page, on the scenario on screen. */
function EmbedBackLink({ name, scenario }: { name: CalculatorName; scenario: Scenario }) {
  return (
    <p class="calculator__share">
      <a href={calculatorPageHref(name, scenario)} target="_top">
        Open this calculator, its figure and its explanation on the site
      </a>
    </p>
  );
}
