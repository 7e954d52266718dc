import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    external: ['better-sqlite3', 'sqlite-vec'],
  },
  {
    entry: { cli: 'cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    external: ['better-sqlite3', 'sqlite-vec'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
