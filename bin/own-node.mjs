// Strongroom's native modules (the SQLite catalog) are built for Node 22.12 or newer, the Node Electron bundles: a
// process started by an older Node would crash on the first catalog access. It hands itself over to the Node npm
// installed beside Strongroom (the dev dependency `node`), or says which Node it needs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Returns on a Node new enough; otherwise runs this same command line on the project's Node and exits with it. */
export function runOnOwnNode({ whatToDo, exitCode }) {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) return;
  const own = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(own)) {
    process.stderr.write(`Strongroom needs Node 22.12 or newer; this is Node ${process.versions.node}. ${whatToDo}\n`);
    process.exit(exitCode);
  }
  const again = spawnSync(own, process.argv.slice(1), { stdio: 'inherit', env: process.env });
  process.exit(again.status ?? 1);
}
