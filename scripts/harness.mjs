// `npm run harness`: builds the app and renderer, then the harness bundle (scripts/harness-bundle.mjs), and runs it.
import { spawn } from 'node:child_process';
import { bundleHarness } from './harness-bundle.mjs';

await import('./build.mjs');
const bundle = await bundleHarness();
const child = spawn(process.execPath, [bundle], { stdio: 'inherit', env: process.env });
child.on('exit', (code) => process.exit(code ?? 0));
