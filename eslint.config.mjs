// ESLint (flat config), run first by `npm test` and by `npm run lint`: Next's own rules (React, hooks,
// accessibility, Core Web Vitals) and typescript-eslint's recommended set; no formatting rules.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // `const { secret: _omit, ...rest } = row` is how the code drops a field; `_` marks it deliberate.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // Links to the browsable API and the OpenAPI document reach route handlers, not pages: plain <a>.
      "@next/next/no-html-link-for-pages": "off",
    },
  },
  {
    // Tests read arbitrary JSON bodies and call route modules by name.
    files: ["tests/**", "e2e/**", "bench/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-function-type": "off",
    },
  },
  {
    // Playwright fixtures hand their value on through a callback named `use`, which is no React hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([".next/**", "dist/**", "next-env.d.ts", "lib/generated/**", "data/**", "test-results/**", "playwright-report/**"]),
]);
