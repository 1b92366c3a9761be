/**
 * What a page's social card shows, from its content entry: shared by the card endpoint
 * (src/pages/og/[card].png.ts) and the page head (its og:image:alt), so the alt text always
 * describes the image.
 */
import type { CalculatorName } from "../../features/calculators/registry.ts";
import { prerenderedFigure } from "../../features/calculators/components/prerendered-figure.ts";
import { POST, POST_DATE, SITE_TITLE } from "../../facts/site.ts";
import { formulaText, standaloneFigure, type CardContent } from "./card.ts";

/** The frontmatter fields a card is made from (see src/content.config.ts). */
export interface CardSource {
  title: string;
  description: string;
  card?: { figure?: CalculatorName | undefined; formulas?: string[] | undefined } | undefined;
}

export const CARD_CREDIT = `A companion to “${POST.title}” by ${POST.author} (${POST.venue}, ${POST_DATE.year})`;

export function cardContentOf({ title, description, card }: CardSource): CardContent {
  return {
    title,
    description,
    site: SITE_TITLE,
    credit: CARD_CREDIT,
    figureSvg: card?.figure ? standaloneFigure(prerenderedFigure(card.figure)) : undefined,
    formulas: card?.formulas,
  };
}

/** The card's text alternative: its title and what stands next to it. */
export function cardAltOf({ title, description, card }: CardSource): string {
  if (card?.figure) {
    const label = /aria-label="([^"]*)"/.exec(prerenderedFigure(card.figure))?.[1];
    return `${title}, with the figure “${label ?? card.figure}”. ${SITE_TITLE}.`;
  }
  if (card?.formulas?.length) return `${title}: ${card.formulas.map(formulaText).join(", ")}. ${SITE_TITLE}.`;
  return `${title}: ${description} ${SITE_TITLE}.`;
}
