/**
 * The dictionary page as built: in the navigation right after the real SAEs page, linked from it
 * and from the reference page; its tool prerendered in its idle state with the conventions the
 * browser tests rely on; the words it owes the reader (nothing uploaded, the formats it reads, the
 * .pt files it does not, the sources credited); and a security policy that still lets the page
 * fetch nothing but its own files.
 */
import { describe, expect, test } from "vitest";
import { loadPage } from "./built-site.ts";
import { normaliseBase } from "./link-checker.ts";

const BASE = normaliseBase(process.env.BASE_PATH);
const PAGE = "/measure-a-dictionary/";
const doc = loadPage(PAGE);
const href = (path: string) => `${BASE}${path.replace(/^\//, "")}`;

describe("its place in the site", () => {
  test("the navigation lists it right after the real SAEs page, and the pager agrees", () => {
    const nav = Array.from(doc.querySelectorAll(".site-nav a"), (a) => [a.getAttribute("href"), a.textContent?.trim()]);
    const at = nav.findIndex(([link]) => link === href(PAGE));
    expect(nav[at]).toEqual([href(PAGE), "Measure a dictionary"]);
    expect(nav[at - 1]![0]).toBe(href("/real-saes/"));
    expect(doc.querySelector(".site-nav a[aria-current='page']")?.getAttribute("href")).toBe(href(PAGE));
    expect(doc.querySelector('nav.pager a[rel="prev"]')?.getAttribute("href")).toBe(href("/real-saes/"));
    expect(loadPage("/real-saes/").querySelector('nav.pager a[rel="next"]')?.getAttribute("href")).toBe(href(PAGE));
  });

  test.each(["/real-saes/", "/reference/"])("%s links to it", (path) => {
    const links = Array.from(loadPage(path).querySelectorAll("main .prose a"), (a) => a.getAttribute("href"));
    expect(links).toContain(href(PAGE));
  });

  test("/real-saes/'s “What is not known” section points to the tool, and keeps its anchor", () => {
    const real = loadPage("/real-saes/");
    const heading = real.getElementById("what-is-not-known")!;
    const list = heading.closest(".heading")!.nextElementSibling!;
    expect(list.textContent).toMatch(/The geometry, until it is measured\./);
    expect(list.querySelector(`a[href="${href(PAGE)}"]`)?.textContent).toBe("measure a dictionary");
    expect(list.textContent).toMatch(/Welch’s floor/);
  });
});

describe("the tool, before any script runs", () => {
  const root = doc.querySelector("[data-dictionary]")!;

  test("is prerendered idle, with a file picker, the L0 field, Measure, and no numbers yet", () => {
    expect(root.getAttribute("data-state")).toBe("idle");
    const picker = root.querySelector('input[type="file"]')!;
    expect(picker.hasAttribute("multiple")).toBe(true);
    expect(picker.getAttribute("accept")).toBe(".safetensors,.npz,.npy,.json");
    expect(root.querySelector(`label[for="${picker.id}"]`)?.textContent).toMatch(/\.safetensors, \.npz or \.npy/);
    expect(root.querySelector('input[name="l0"]')?.getAttribute("value")).toBe("32");
    expect(Array.from(root.querySelectorAll("button"), (b) => b.textContent?.trim())).toEqual(["Measure"]);
    expect(root.querySelectorAll("output")).toHaveLength(0);
    expect(root.querySelector("[role='alert']")).toBeNull();
    expect(root.closest("astro-island")?.getAttribute("client")).toBe("interaction");
  });

  test("says that nothing is uploaded, and what happens without JavaScript", () => {
    expect(root.querySelector(".dictionary__privacy")?.textContent).toMatch(/nothing is uploaded/);
    expect(root.querySelector(".dictionary__needs-js")?.textContent).toMatch(/needs JavaScript, which is off/);
  });
});

describe("the page's words", () => {
  const text = doc.querySelector("main .prose")!.textContent!;

  test("name the files it reads and the one it does not", () => {
    for (const name of ["sae_weights.safetensors", "sae.safetensors", "params.npz", ".npy", "cfg.json", "activation_fn_kwargs.k", ".pt"]) {
      expect(text, name).toContain(name);
    }
    expect(text).toMatch(/the page does not read those, and says so/);
  });

  test("credit and link the sources of the formats", () => {
    const links = Array.from(doc.querySelectorAll("main .prose a"), (a) => a.getAttribute("href"));
    for (const url of [
      "https://github.com/decoderesearch/SAELens",
      "https://github.com/EleutherAI/sparsify",
      "https://huggingface.co/google/gemma-scope-2b-pt-res",
      "https://arxiv.org/abs/2408.05147",
      "https://www.alignmentforum.org/posts/ArvgRhqnEeX7cnJu9/some-costs-of-superposition",
    ]) {
      expect(links, url).toContain(url);
    }
  });

  test("keep the post's ε and Welch's floor as formulas", () => {
    expect(doc.querySelectorAll("main math").length).toBeGreaterThan(5);
    expect(text).toMatch(/Nothing leaves your computer/);
  });
});

test("its security policy fetches nothing but the site's own files", () => {
  const policy = doc.querySelector('meta[http-equiv="content-security-policy"]')?.getAttribute("content") ?? "";
  expect(policy).toMatch(/connect-src 'self'(;|$)/);
  expect(policy).toMatch(/worker-src 'self'(;|$)/);
  expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
});
