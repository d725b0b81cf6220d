/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";

// The Tauri window loads http://localhost:1420 in development (tauri.conf.json `devUrl`) and
// ui/dist in production (`frontendDist`).
export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    host: "127.0.0.1",
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // One CSS file and no inline scripts: the production CSP allows script-src 'self' only.
    assetsInlineLimit: 0,
  },
  test: {
    environment: "jsdom",
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    // Component styles are in the document (a few tests check a layout rule, e.g. a gap).
    css: true,
  },
});
