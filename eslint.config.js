// @ts-check
// ESLint: TypeScript's recommended rules and the rules of hooks (Preact's hooks follow React's).
// Formatting is Prettier's job (npm run lint runs both); .astro files are checked by `astro check`.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", ".astro/", "node_modules/", "src/compute/kernels/kernel-wasm.ts"] },
  // A disable comment that no longer silences anything is an error: each one must mean something.
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,mjs}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Unused arguments are allowed when named _like_this (a callback's signature).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
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
