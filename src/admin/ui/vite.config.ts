import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The dashboard: Preact with esbuild's JSX (no React plugin), bundled into src/admin/ui/dist, served by the admin
// listener. Everything is local: no CDN, no fonts from the network.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 400 },
});
