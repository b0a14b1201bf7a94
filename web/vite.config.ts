// The console's build: React through Vite, from web/ into web/dist, which
// `orderwatch serve` serves. `npm run dev` runs this dev server with hot
// reload and sends /api to the orderwatch server (ORDERWATCH_API, default
// http://127.0.0.1:8080).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // bench/console-weight-bench.ts reads which chunks each page loads.
    manifest: true,
    rollupOptions: {
      output: {
        // Charts and React change rarely: their chunks stay cached across
        // console builds. The rest of the libraries are split by the pages
        // that use them (pages load lazily), so the first load carries only
        // what the shell and the first page need.
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.ORDERWATCH_API ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
