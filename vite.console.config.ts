import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { bundleSizeReport } from "./scripts/vite-bundle-size";

const root = fileURLToPath(new URL("./src/web/console", import.meta.url));
const outDir = fileURLToPath(new URL("./dist/console", import.meta.url));

/**
 * The staff console: a React SPA served by the same Fastify server under /console. Pages are lazy
 * routes; the framework libraries get stable vendor chunks so the sign-in screen stays small.
 */
export default defineConfig({
  root,
  base: "/console/",
  plugins: [react(), bundleSizeReport({ budgetKb: 400 })],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 30,
            },
            { name: "query", test: /node_modules[\\/]@tanstack[\\/]/, priority: 20 },
            { name: "i18n", test: /node_modules[\\/](i18next|react-i18next)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
