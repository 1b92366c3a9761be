// @ts-check
// ESLint: TypeScript's recommended rules, the rules of hooks (Preact's hooks follow React's), and
// the house's floor plan: which folder may import which (ARCHITECTURE.md draws it), with no import
// circles. Formatting is Prettier's job (npm run lint runs both). `.astro` files are parsed too, so
// their imports obey the same plan; their types are `astro check`'s job.
import { readdirSync } from "node:fs";
import js from "@eslint/js";
import astro from "eslint-plugin-astro";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * The floors of the house, lowest first. A folder may import its own floor and the floors below,
 * never one above: content → pages → site → features → ui → plot → compute → facts → numbers → math.
 */
const FLOORS = [
  { name: "math", folders: ["src/math"] },
  { name: "numbers", folders: ["src/numbers"] },
  { name: "facts", folders: ["src/facts"] },
  { name: "compute", folders: ["src/compute"] },
  { name: "plot", folders: ["src/plot"] },
  { name: "ui", folders: ["src/ui"] },
  { name: "features", folders: ["src/features"] },
  { name: "site", folders: ["src/site"] },
  { name: "pages", folders: ["src/pages", "src/*.ts"] },
];

/**
 * The rooms of one feature, lowest first: its engine (pure computation, no DOM), its figures (Plot
 * options and their words), its definition at the feature's top (`registry.ts`, addresses), its
 * islands (Preact), its components (`.astro`, build-time runs). Same rule as the floors.
 */
const ROOMS = ["engine", "figures", "*.{ts,tsx}", "islands", "components"];

/** Every feature folder: the plan follows the tree, so a new feature is covered without an edit here. */
const FEATURES = readdirSync("src/features", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * A feature that uses another feature's rooms, and why. Anything not listed here is refused.
 * - real-saes links each SAE to the calculators opened on its shape (their addresses), and measures
 *   its table's readout rules at build time with the simulation's large readout.
 * - dictionary sets a dictionary's TopK misreads beside random directions' at the same shape, which
 *   the simulation's large readout simulates (its job, its limits, the combining of its parts).
 */
const FEATURE_USES = {
  "real-saes": ["calculators/{registry,calculator-links}.ts", "simulation/engine/large-readout.ts"],
  dictionary: ["simulation/engine/{large-readout,readout-params,run}.ts"],
};

const glob = (folder) => (folder.includes("*") ? folder : `${folder}/**`);

const floorZones = FLOORS.flatMap((floor, i) =>
  floor.folders.map((target) => ({
    target: glob(target),
    from: FLOORS.slice(i + 1).flatMap((above) => above.folders.map(glob)),
    message: `the ${floor.name} floor may not import from a floor above it (ARCHITECTURE.md)`,
  })),
);

const roomGlob = (feature, room) => (room.startsWith("*") ? `src/features/${feature}/${room}` : `src/features/${feature}/${room}/**`);

const featureZones = FEATURES.flatMap((feature) => [
  {
    target: `src/features/${feature}/**`,
    from: FEATURES.filter((other) => other !== feature).map((other) => `src/features/${other}/**`),
    ...(FEATURE_USES[feature] ? { except: FEATURE_USES[feature].map((path) => `**/src/features/${path}`) } : {}),
    message: `a feature may not import another feature's rooms unless ARCHITECTURE.md declares it (eslint.config.js FEATURE_USES)`,
  },
  ...ROOMS.map((room, i) => ({
    target: roomGlob(feature, room),
    from: ROOMS.slice(i + 1).map((above) => roomGlob(feature, above)),
    message: `inside a feature, ${room} may not import a room above it: engine → figures → definition → islands → components`,
  })),
]);

/** Folders that run without a DOM or a framework: the same code serves Node, the page and a worker. */
const PURE = ["src/math/**", "src/numbers/**", "src/facts/**", "src/compute/**", "src/features/*/engine/**"];

export default tseslint.config(
  { ignores: ["dist/", ".astro/", "node_modules/", "src/compute/kernels/kernel-wasm.ts", "src/compute/kernels/kernel-relaxed-wasm.ts"] },
  // A disable comment that no longer silences anything is an error: each one must mean something.
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs["flat/recommended"],
  {
    files: ["**/*.{ts,tsx,js,mjs,astro}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Unused arguments are allowed when named _like_this (a callback's signature).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx,astro}"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".astro", ".js"] })],
      // Which files the cycle check reads for their imports, and with which parser.
      "import-x/extensions": [".ts", ".tsx", ".js", ".mjs", ".astro"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"], "astro-eslint-parser": [".astro"] },
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": ["error", { zones: [...floorZones, ...featureZones].filter((zone) => zone.from.length > 0) }],
    },
  },
  {
    files: PURE,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["preact", "preact/*", "@observablehq/plot", "astro", "astro:*"], message: "pure computation: no framework, no DOM" }],
        },
      ],
    },
  },
  {
    files: ["src/ui/**/*.{ts,tsx}", "src/features/*/islands/**/*.{ts,tsx}", "src/site/embed/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
);
