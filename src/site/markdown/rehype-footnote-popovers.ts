/**
 * Footnotes that open where they are referenced, by click, tap or keyboard, not only on hover.
 *
 * GFM footnotes (`[^jl]` in MDX) arrive as a superscript link to a list at the end of the page.
 * This plugin turns each reference into a button that opens a copy of the note in a popover
 * (the HTML `popover` attribute): the browser handles opening by Enter, Space, click and tap,
 * closing by Escape, a tap outside or the note's own close button, and puts the note's links
 * next in the Tab order. No JavaScript. The list at the end stays, for print, for browsers
 * without popovers, and as the target of the notes' back links (the button keeps the
 * reference's id).
 */
import type { Element, ElementContent, Root } from "hast";
import { toString } from "hast-util-to-string";
import { h } from "hastscript";
import { EXIT, SKIP, visit } from "unist-util-visit";

/** The first element below `root` that satisfies `test`. */
function find(root: Root | Element, test: (el: Element) => boolean): Element | undefined {
  let found: Element | undefined;
  visit(root, "element", (el) => {
    if (!test(el)) return undefined;
    found = el;
    return EXIT;
  });
  return found;
}

/** A deep copy of the note's content without its back link ("↩"). */
function withoutBackref(nodes: ElementContent[]): ElementContent[] {
  return nodes.flatMap((n): ElementContent[] => {
    if (n.type !== "element") return [structuredClone(n)];
    if (n.properties?.dataFootnoteBackref !== undefined) return [];
    return [{ ...n, properties: { ...n.properties }, children: withoutBackref(n.children) }];
  });
}

export default function rehypeFootnotePopovers() {
  return (tree: Root) => {
    const section = find(tree, (el) => el.tagName === "section" && el.properties.dataFootnotes !== undefined);
    if (!section) return;
    const popovers: Element[] = [];
    visit(tree, "element", (el, index, parent) => {
      if (el.tagName !== "a" || el.properties.dataFootnoteRef === undefined || parent === undefined || index === undefined) return undefined;
      const target = String(el.properties.href ?? "").replace(/^#/, "");
      const note = find(section, (candidate) => candidate.properties.id === target);
      if (!note) return undefined;
      const number = toString(el).trim();
      const popoverId = `${target}-popover`;
      const labelId = `${popoverId}-label`;
      const button = h(
        "button",
        {
          type: "button",
          id: el.properties.id,
          className: ["footnote-ref"],
          popoverTarget: popoverId,
          ariaLabel: `Footnote ${number}`,
          dataFootnoteRef: "",
        },
        number,
      );
      // A word joiner before the button keeps it on the line of the word it annotates: a button is
      // an atomic inline, and the browser may otherwise break the line right before it.
      parent.children.splice(index, 1, { type: "text", value: "\u2060" }, button);
      popovers.push(
        h("div", { id: popoverId, popover: "auto", className: ["footnote-popover"], role: "note", ariaLabelledby: labelId }, [
          h("div", { className: ["footnote-popover__head"] }, [
            h("p", { id: labelId, className: ["footnote-popover__label"] }, `Footnote ${number}`),
            h(
              "button",
              {
                type: "button",
                className: ["footnote-popover__close"],
                popoverTarget: popoverId,
                popoverTargetAction: "hide",
                ariaLabel: "Close footnote",
              },
              "×",
            ),
          ]),
          ...withoutBackref(note.children),
        ]),
      );
      // Go on after the button: the reference is gone, and the button has nothing to visit.
      return [SKIP, index + 2];
    });
    section.children.push(...popovers);
  };
}
