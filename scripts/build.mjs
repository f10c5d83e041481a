// Builds the main process, the preload and the CLI with esbuild, and the renderer with Vite.
// `--main-only` skips the renderer (the CLI does not need it).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';

const mainOnly = process.argv.includes('--main-only');
rmSync('dist/main', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Native and heavy packages stay in node_modules; electron is provided by the runtime.
  packages: 'external',
};

await Promise.all([
  esbuild({ ...common, entryPoints: ['src-main/shell/main.ts'], outfile: 'dist/main/main.js', format: 'esm' }),
  // Split, so what a `strongroom` command does not run stays unloaded: the app layer (and the packages it imports)
  // is a chunk of its own that `--help` and usage errors never load (cli/main.ts imports it on demand).
  esbuild({
    ...common,
    entryPoints: { cli: 'src-main/cli/entry.ts' },
    outdir: 'dist/main',
    splitting: true,
    chunkNames: 'cli-chunks/[name]-[hash]',
    format: 'esm',
  }),
  // A sandboxed preload can only be CommonJS and can require nothing but 'electron': bundle the contract in.
  esbuild({
    ...common,
    packages: undefined,
    external: ['electron'],
    entryPoints: ['src-main/shell/preload.ts'],
    outfile: 'dist/main/preload.cjs',
    format: 'cjs',
  }),
]);

if (!mainOnly) await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log(mainOnly ? 'Built main, preload and CLI.' : 'Built main, preload, CLI and renderer.');
