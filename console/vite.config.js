import { defineConfig } from 'vite';

// Static build only: console/dist is served by the gateway (nginx) at /, with /api/v1 and /auth on the same origin.
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', assetsDir: 'static', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    // `npx vite` for development: the gateway answers the API and Keycloak paths
    proxy: { '/api': 'http://localhost:8080', '/auth': 'http://localhost:8080' },
  },
});
