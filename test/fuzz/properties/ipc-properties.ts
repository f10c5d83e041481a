import fc from 'fast-check';
import type { z } from 'zod';
import { createHandlers } from '../../../src-main/app/handlers';
import { StrongroomApp } from '../../../src-main/app/strongroom-app';
import { channelNames, channels, type ChannelName } from '../../../src-main/contract/channels';
import { createDispatcher } from '../../../src-main/contract/dispatch';
import { isolatedNetworkProbe } from '../../../src-main/platform/network-probe';
import { TEST_KDF } from '../../support/custody-fixture';
import { PracticeMedia } from '../../support/practice-media';
import { makeTempHome } from '../../support/temp-home';
import { fuzzProperty, type FuzzProperty } from '../fuzz-kit';
import { registerAndSignIn } from '../../support/custodians';

/**
 * The window's requests are checked in main against each channel's schema before any handler runs. Whatever a
 * compromised renderer (or the browser harness) sends: no crash, no INTERNAL, and no request with a field the
 * schema does not know is ever taken.
 */

const { home, remove } = makeTempHome('strongroom-fuzz-ipc-');
const practice = new PracticeMedia();
const blank = practice.insertStick('blank');
const app = new StrongroomApp({ home, media: practice.platform, env: {}, kdf: TEST_KDF, network: isolatedNetworkProbe, printer: null, clipboard: null });
registerAndSignIn(app, 'Fuzzing Custodian');
process.once('exit', () => (app.close(), remove(), practice.cleanup()));
const internal: unknown[] = [];
const dispatch = createDispatcher(createHandlers(app), (_channel, error) => internal.push(error));

const shapeOf = (name: ChannelName): string[] => Object.keys((channels[name].request as unknown as z.ZodObject).shape ?? {});
const allKeys = [...new Set(channelNames.flatMap(shapeOf))];
// A request that waits for a hotplug event may legitimately wait a minute; its schema is fuzzed, not its wait.
const callable = channelNames.filter((name) => name !== 'waitForMediaChange');

const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('111111111111', '012345678901', 'vault', 'seed', 'VAULT-01', 'SEEDS-02', blank, '/dev/sda', '../../etc', '', 'A4', 'LETTER', 'JBSWY3DPEHPK3PXP', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'),
  fc.uuid(),
  fc.string({ maxLength: 30 }),
  fc.integer({ min: -5, max: 5000 }),
  fc.boolean(),
  fc.constant(null),
  fc.record({ kind: fc.constantFrom('onsite', 'offsite', 'moon'), note: fc.string({ maxLength: 10 }) }),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.record({ text: fc.string({ maxLength: 20 }), check: fc.string({ maxLength: 3 }) })), { maxLength: 4 }),
  fc.jsonValue({ maxDepth: 2 }),
);

const request = (names: readonly ChannelName[]) =>
  fc.constantFrom(...names).chain((name) =>
    fc.tuple(
      fc.constant(name),
      fc.dictionary(fc.constantFrom(...(shapeOf(name).length > 0 ? shapeOf(name) : allKeys)), value, { maxKeys: 6 }),
    ),
  );

export const ipcProperties: readonly FuzzProperty[] = [
  fuzzProperty(
    'IPC schemas',
    'every channel answers any request with a result, never INTERNAL',
    fc.asyncProperty(request(callable), async ([name, body]) => {
      if (!app.session.status().custodian) registerAndSignIn(app, 'Fuzzing Custodian');
      const result = await dispatch(name, body);
      return internal.length === 0 && (result.ok || result.error.code !== 'INTERNAL');
    }),
  ),
  fuzzProperty(
    'IPC schemas',
    'no request with a field its schema does not know is ever taken',
    fc.property(request(channelNames), fc.string({ minLength: 1, maxLength: 12 }), value, ([name, body], extra, extraValue) => {
      fc.pre(!shapeOf(name).includes(extra) && extra !== '__proto__');
      return !channels[name].request.safeParse({ ...body, [extra]: extraValue }).success;
    }),
  ),
  fuzzProperty(
    'IPC schemas',
    'any value at all is refused or accepted by every schema without a crash',
    fc.property(fc.constantFrom(...channelNames), fc.anything(), (name, anything) => typeof channels[name].request.safeParse(anything).success === 'boolean'),
  ),
  fuzzProperty(
    'IPC schemas',
    'an unknown channel name is refused as such',
    fc.asyncProperty(fc.string({ maxLength: 20 }), async (name) => {
      fc.pre(!(channelNames as readonly string[]).includes(name));
      const result = await dispatch(name, {});
      return !result.ok && result.error.code === 'UNKNOWN_CHANNEL';
    }),
  ),
];
