/**
 * The parts of Observable Plot the figures use, imported one by one. Why not `import * as Plot`:
 * importing only these marks keeps the browser bundle far smaller than all of Plot.
 */
export { areaY, dot, lineY, plot, rectY, ruleX, ruleY, text, tickX } from "@observablehq/plot";
export type { PlotOptions } from "@observablehq/plot";
