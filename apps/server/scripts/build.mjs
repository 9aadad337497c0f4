// Bundles the server (and the workspace's shared package) into dist/; npm packages stay external.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/main.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  // the shared package is TypeScript source: bundle it instead of importing it at run time
  alias: { '@bancada/shared': '../../packages/shared/src/index.ts' },
  logLevel: 'warning',
});
