/**
 * Every table written in Markdown stacks on a phone (page.css, `.stacked-table`: each row a card,
 * each cell a line with its column's name), instead of cutting or squeezing its last column: the
 * table gets the class, each body cell its column's name from the header row as `data-label`, and,
 * when the header's first cell is empty (a corner above the rows' names), each row's first cell
 * becomes its header (`<th scope="row">`), the card's title. A column name written as a formula
 * is given as its LaTeX, read (readable-tex.ts): an attribute holds text, not MathML.
 */
import type { Element, ElementContent, Root } from "hast";
import { visit } from "unist-util-visit";
import { readableTex } from "../integrations/readable-tex.ts";

/** The text of a cell as a reader would say it: formulas by their LaTeX, read. */
function cellText(node: ElementContent): string {
  if (node.type === "text") return node.value;
  if (node.type !== "element") return "";
  if (node.tagName === "math") {
    let tex = "";
    visit(node, "element", (el) => {
      if (el.tagName === "annotation") tex = el.children.map((c) => (c.type === "text" ? c.value : "")).join("");
    });
    return readableTex(tex);
  }
  return node.children.map(cellText).join("");
}

const childElements = (el: Element, tag: string): Element[] => el.children.filter((c): c is Element => c.type === "element" && c.tagName === tag);

export default function rehypeStackedTables() {
  return (tree: Root) => {
    visit(tree, "element", (table) => {
      if (table.tagName !== "table") return;
      const head = childElements(table, "thead")[0];
      const body = childElements(table, "tbody")[0];
      const headerRow = head && childElements(head, "tr")[0];
      if (!headerRow || !body) return;
      const names = childElements(headerRow, "th").map((th) => cellText(th).replace(/\s+/g, " ").trim());
      const cornered = names.length > 1 && names[0] === "";
      const classes = table.properties.className;
      table.properties.className = [...(Array.isArray(classes) ? classes : []), "stacked-table"];
      for (const row of childElements(body, "tr")) {
        childElements(row, "td").forEach((cell, i) => {
          if (cornered && i === 0) {
            cell.tagName = "th";
            cell.properties.scope = "row";
          } else if (names[i]) cell.properties.dataLabel = names[i];
        });
      }
    });
  };
}
