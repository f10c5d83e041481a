#!/usr/bin/env node
// The CLI runs the same app/ layer as the window; `npm install` builds it (the package's prepare script).
import { existsSync } from 'node:fs';
import { runOnOwnNode } from './own-node.mjs';

runOnOwnNode({ whatToDo: 'Install Node 22, or run npm ci in the Strongroom folder, which brings it.', exitCode: 2 });

const entry = new URL('../dist/main/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('Strongroom is not built yet: run `npm run build` in the Strongroom folder first.\n');
  process.exit(2);
}
await import(entry.href);
