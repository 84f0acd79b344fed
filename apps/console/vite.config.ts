import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console is built to static files (`dist/console` at the repository's root) that the API
 * serves under /console (ADR 0022). JSX goes through esbuild (no Babel: the build stays fast).
 */
export default defineConfig({
  root: here,
  base: '/console/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      onwarn(warning, warn) {
        // react-router's "use client" directive is for server components; a SPA bundle ignores it.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run console:dev`: the API on :3000, the console with hot reload on :5173.
    proxy: Object.fromEntries(
      ['/cases', '/views', '/dev', '/docs', '/associations', '/commissions', '/indicators', '/health'].map(
        (path) => [path, 'http://127.0.0.1:3000'],
      ),
    ),
  },
});
