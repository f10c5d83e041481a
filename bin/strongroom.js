#!/usr/bin/env node
// The CLI runs the same app/ layer as the window; `npm install` builds it (the package's prepare script).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Its native modules (the SQLite catalog) are built for Node 22, the Node Electron bundles: an older Node would
// crash on the first catalog access, so hand over to the Node that npm installed beside Strongroom, or say why not.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  const own = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(own)) {
    process.stderr.write(`Strongroom needs Node 22.12 or newer; this is Node ${process.versions.node}. Install Node 22, or run npm ci in the Strongroom folder, which brings it.\n`);
    process.exit(2);
  }
  const again = spawnSync(own, process.argv.slice(1), { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}

const entry = new URL('../dist/main/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('Strongroom is not built yet: run `npm run build` in the Strongroom folder first.\n');
  process.exit(2);
}
await import(entry.href);
