import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHandlers } from '../../src-main/app/handlers';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { createDispatcher } from '../../src-main/contract/dispatch';
import { resolveStrongroomHome } from '../../src-main/platform/app-data-dir';
import { startBrowserHarness } from './browser-harness';

/**
 * `npm run harness`: the real renderer and app layer in any local browser, without Electron — for development and
 * for trying the custody process on practice media. Loopback only; the printed address carries the token.
 */
const home = resolveStrongroomHome();
if (!process.env['STRONGROOM_MEDIA_ROOT']) {
  const practice = resolve(home, '..', 'strongroom-practice-media');
  mkdirSync(join(practice, 'stick-1'), { recursive: true });
  mkdirSync(join(practice, 'stick-2'), { recursive: true });
  process.env['STRONGROOM_MEDIA_ROOT'] = practice;
  console.log(`Practice media: ${practice} (each folder in it acts as a USB stick; add more with mkdir).`);
}
const app = new StrongroomApp({ home });
const dispatch = createDispatcher(createHandlers(app), (channel, error) => console.error(`unexpected failure in ${channel}:`, (error as Error).name));
const harness = await startBrowserHarness({ dispatch, rendererDir: resolve('dist', 'renderer') });
console.log(`Catalog: ${home}`);
console.log(`Open ${harness.url}`);
const stop = async () => {
  await harness.close();
  app.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
