/** The size of a social card: 1200 × 630 is what Open Graph and Twitter's large card expect. */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
