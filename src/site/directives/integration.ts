/** Registers the site's own client directives with Astro. */
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";

export default function siteDirectives(): AstroIntegration {
  return {
    name: "site-directives",
    hooks: {
      "astro:config:setup": ({ addClientDirective }) => {
        addClientDirective({ name: "interaction", entrypoint: fileURLToPath(new URL("./interaction.ts", import.meta.url)) });
      },
    },
  };
}

declare module "astro" {
  interface AstroClientDirectives {
    "client:interaction"?: boolean;
  }
}
