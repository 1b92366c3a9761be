/**
 * The Markdown plugins for reference-grade reading: heading links (rehype-autolink-headings with
 * src/site/markdown/heading-links.ts), footnotes that open in place (rehype-footnote-popovers) and
 * tables that stack on a phone (rehype-stacked-tables).
 */
import type { Element, Root } from "hast";
import { h } from "hastscript";
import rehypeAutolinkHeadings from "rehype-autolink-headings";
import { describe, expect, test } from "vitest";
import { toString } from "hast-util-to-string";
import { headingLinkOptions } from "../../src/site/markdown/heading-links.ts";
import rehypeFootnotePopovers from "../../src/site/markdown/rehype-footnote-popovers.ts";
import rehypeStackedTables from "../../src/site/markdown/rehype-stacked-tables.ts";
import rehypeFunctionSpacing, { spaceAfterFunctionNames } from "../../src/site/markdown/rehype-function-spacing.ts";

const root = (...children: Element[]): Root => ({ type: "root", children });
const find = (node: Root | Element, test: (el: Element) => boolean): Element | undefined => {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    if (test(child)) return child;
    const deeper = find(child, test);
    if (deeper) return deeper;
  }
  return undefined;
};

describe("heading links", () => {
  const run = (tree: Root) => (rehypeAutolinkHeadings(headingLinkOptions) as unknown as (t: Root) => void)(tree);

  test("put a labelled icon link after each section heading, grouped with it", () => {
    const tree = root(h("h2", { id: "the-setup" }, "The ", h("em", "setup")));
    run(tree);
    const group = tree.children[0] as Element;
    expect(group.properties.className).toEqual(["heading", "heading--h2"]);
    const [heading, link] = group.children as Element[];
    expect(heading!.tagName).toBe("h2");
    expect(heading!.children.some((c) => c.type === "element" && c.tagName === "a")).toBe(false);
    expect(link!.tagName).toBe("a");
    expect(link!.properties).toMatchObject({ href: "#the-setup", ariaLabel: "Link to section: The setup", className: ["heading-link"] });
    expect("dataCopyLink" in link!.properties).toBe(true);
    expect(toString(link!)).toBe(""); // the icon only: no text for the outline to pick up
  });

  test("leave the hidden footnotes heading and h1 alone", () => {
    const tree = root(h("h2", { id: "footnote-label", className: ["sr-only"] }, "Footnotes"), h("h1", { id: "title" }, "Title"));
    run(tree);
    expect((tree.children[0] as Element).tagName).toBe("h2");
    expect((tree.children[1] as Element).tagName).toBe("h1");
  });
});

describe("footnote popovers", () => {
  const gfm = () =>
    root(
      h("p", ["A claim.", h("sup", [h("a", { href: "#user-content-fn-jl", id: "user-content-fnref-jl", dataFootnoteRef: true }, "1")])]),
      h("section", { dataFootnotes: true, className: ["footnotes"] }, [
        h("ol", [
          h("li", { id: "user-content-fn-jl" }, [
            h("p", [
              "The note, with ",
              h("a", { href: "/#x" }, "a link"),
              ". ",
              h("a", { href: "#user-content-fnref-jl", dataFootnoteBackref: "" }, "↩"),
            ]),
          ]),
        ]),
      ]),
    );

  test("turn the reference into a button that opens a copy of the note", () => {
    const tree = gfm();
    (rehypeFootnotePopovers() as (t: Root) => void)(tree);
    const button = find(tree, (el) => el.tagName === "button" && el.properties.popoverTarget !== undefined)!;
    expect(button.properties).toMatchObject({
      id: "user-content-fnref-jl",
      type: "button",
      ariaLabel: "Footnote 1",
      popoverTarget: "user-content-fn-jl-popover",
    });
    const sup = find(tree, (el) => el.tagName === "sup")!;
    expect(sup.children[0]).toEqual({ type: "text", value: "\u2060" }); // keeps the button on its word's line
    const popover = find(tree, (el) => el.properties.id === "user-content-fn-jl-popover")!;
    expect(popover.properties.popover).toBe("auto");
    expect(toString(popover)).toContain("The note, with a link.");
    expect(find(popover, (el) => el.properties.dataFootnoteBackref !== undefined)).toBeUndefined();
    expect(find(popover, (el) => el.properties.popoverTargetAction === "hide")?.properties.ariaLabel).toBe("Close footnote");
    // The list at the end keeps the note and its back link.
    expect(find(tree, (el) => el.properties.id === "user-content-fn-jl")).toBeDefined();
  });

  test("do nothing on a page without footnotes", () => {
    const tree = root(h("p", "No notes here."));
    const before = structuredClone(tree);
    (rehypeFootnotePopovers() as (t: Root) => void)(tree);
    expect(tree).toEqual(before);
  });
});

describe("stacked tables", () => {
  const run = (tree: Root) => (rehypeStackedTables() as (t: Root) => void)(tree);
  const math = (tex: string) => h("math", h("semantics", h("mrow", h("mi", "n")), h("annotation", { encoding: "application/x-tex" }, tex)));

  test("name each body cell by its column, and make the first column the rows' headers under an empty corner", () => {
    const tree = root(
      h("table", [
        h("thead", h("tr", [h("th"), h("th", [math("n = 4096")]), h("th", "GPT-2")])),
        h("tbody", [h("tr", [h("td", "interference"), h("td", "0.150"), h("td", "0.346")])]),
      ]),
    );
    run(tree);
    const table = tree.children[0] as Element;
    expect(table.properties.className).toEqual(["stacked-table"]);
    const cells = (find(table, (el) => el.tagName === "tbody")!.children[0] as Element).children as Element[];
    expect(cells.map((c) => [c.tagName, c.properties.scope, c.properties.dataLabel])).toEqual([
      ["th", "row", undefined],
      ["td", undefined, "n = 4096"],
      ["td", undefined, "GPT-2"],
    ]);
  });

  test("keep a first column of data as data when the header names it", () => {
    const tree = root(
      h("table", [h("thead", h("tr", [h("th", "l"), h("th", "all right")])), h("tbody", [h("tr", [h("td", "16"), h("td", "88 %")])])]),
    );
    run(tree);
    const cells = (find(tree, (el) => el.tagName === "tbody")!.children[0] as Element).children as Element[];
    expect(cells.map((c) => [c.tagName, c.properties.dataLabel])).toEqual([
      ["td", "l"],
      ["td", "all right"],
    ]);
  });
});

describe("function spacing", () => {
  test("gives the invisible function application after ln TeX's thin space, in hast and in KaTeX's HTML alike", () => {
    const tree = root(h("math", h("mrow", [h("mi", "ln"), h("mo", "\u2061"), h("mi", "m"), h("mo", "=")])));
    (rehypeFunctionSpacing() as (t: Root) => void)(tree);
    const ops = (find(tree, (el) => el.tagName === "mrow")!.children as Element[]).filter((el) => el.tagName === "mo");
    expect(ops.map((o) => o.properties.rspace)).toEqual(["0.1667em", undefined]);
    expect(spaceAfterFunctionNames("<mi>ln</mi><mo>\u2061</mo><mi>m</mi>")).toBe('<mi>ln</mi><mo rspace="0.1667em">\u2061</mo><mi>m</mi>');
  });

  test("puts TeX's thin space between an ordinary symbol and a function name (8 ln m), and none after an operator (= ln m)", () => {
    const tree = root(
      h(
        "math",
        h("mrow", [h("mn", "8"), h("mi", "ln"), h("mo", "\u2061"), h("mi", "m"), h("mo", "="), h("mi", "ln"), h("mo", "\u2061"), h("mi", "n")]),
      ),
    );
    (rehypeFunctionSpacing() as (t: Root) => void)(tree);
    const names = (find(tree, (el) => el.tagName === "mrow")!.children as Element[]).map((el) => el.tagName);
    expect(names).toEqual(["mn", "mspace", "mi", "mo", "mi", "mo", "mi", "mo", "mi"]);
    expect(spaceAfterFunctionNames("<mn>8</mn><mi>ln</mi><mo>\u2061</mo><mi>m</mi>")).toBe(
      '<mn>8</mn><mspace width="0.1667em"></mspace><mi>ln</mi><mo rspace="0.1667em">\u2061</mo><mi>m</mi>',
    );
    expect(spaceAfterFunctionNames("<mo>=</mo><mi>ln</mi><mo>\u2061</mo><mi>m</mi>")).toBe(
      '<mo>=</mo><mi>ln</mi><mo rspace="0.1667em">\u2061</mo><mi>m</mi>',
    );
    // A single letter is a variable, not a function name.
    expect(spaceAfterFunctionNames("<mn>2</mn><mi>x</mi><mo>\u2061</mo>")).toBe('<mn>2</mn><mi>x</mi><mo rspace="0.1667em">\u2061</mo>');
  });
});
