// Builds the renderer and a throwaway bundle of test/harness/serve.ts (never part of the app), then runs it.
import { build } from 'esbuild';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';

await import('./build.mjs');
mkdirSync('node_modules/.cache/strongroom', { recursive: true });
const outfile = 'node_modules/.cache/strongroom/harness.mjs';
await build({ entryPoints: ['test/harness/serve.ts'], outfile, bundle: true, platform: 'node', target: 'node22', format: 'esm', packages: 'external', logLevel: 'warning' });
const child = spawn(process.execPath, [outfile], { stdio: 'inherit', env: process.env });
child.on('exit', (code) => process.exit(code ?? 0));
