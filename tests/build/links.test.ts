/**
 * The link checker (link-checker.ts) over dist/: every internal link, asset, #anchor, social
 * card, sitemap entry and search bundle path resolves. Honours BASE_PATH and SITE_URL, so
 * running the tests after a sub-path build checks that build; subpath.test.ts always does.
 */
import { expect, test } from "vitest";
import { DIST } from "./built-site.ts";
import { checkLinks } from "./link-checker.ts";

test("every internal link, asset and anchor in the built site resolves", () => {
  const report = checkLinks({ dir: DIST, base: process.env.BASE_PATH ?? "/", site: process.env.SITE_URL ?? "http://localhost:4321" });
  expect(report.pages).toBeGreaterThanOrEqual(5);
  expect(report.broken).toEqual([]);
  expect(report.checked).toBeGreaterThan(100);
});
