import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A TypeScript entry bundled for a child Node process (the project's Node 22), so a test can hold a stick or run
 * a write in another process and kill it at an exact point. Native and npm packages stay in node_modules.
 */
export async function bundleForChild(entry: string): Promise<{ file: string; remove: () => void }> {
  // Inside the project, so the bundle's imports of npm packages resolve to its node_modules.
  mkdirSync(join(process.cwd(), 'test-results'), { recursive: true });
  const dir = mkdtempSync(join(process.cwd(), 'test-results', 'child-'));
  const file = join(dir, 'child.mjs');
  await build({ entryPoints: [entry], outfile: file, bundle: true, platform: 'node', target: 'node22', format: 'esm', packages: 'external', logLevel: 'warning' });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
