import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src-main/app/handlers';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { channels, channelNames } from '../../src-main/contract/channels';
import { createDispatcher } from '../../src-main/contract/dispatch';
import { ErrorCode } from '../../src-main/core/errors';
import { FakeClock } from '../support/fake-clock';
import { makeTempHome } from '../support/temp-home';
import { registerCustodians } from '../support/custodians';

describe('the IPC contract', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  function dispatcher() {
    const { home, remove } = makeTempHome();
    const app = new StrongroomApp({ home, clock: new FakeClock() });
    registerCustodians(app, 'Dana Whitfield');
    const internal: string[] = [];
    const dispatch = createDispatcher(createHandlers(app), (channel) => internal.push(channel));
    cleanup = () => (app.close(), remove());
    return { app, dispatch, internal };
  }

  it('has a handler for every channel and a schema for every request', () => {
    const { app } = dispatcher();
    const handlers = createHandlers(app);
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort());
    for (const name of channelNames) expect(typeof channels[name].request.safeParse).toBe('function');
  });

  it('answers a known channel with ok and its value', async () => {
    const { dispatch } = dispatcher();
    expect(await dispatch('signIn', { name: 'Dana Whitfield' })).toMatchObject({ ok: true, value: { custodian: 'Dana Whitfield' } });
  });

  it('refuses an unknown channel, a malformed request and extra fields without running anything', async () => {
    const { dispatch, app } = dispatcher();
    expect(await dispatch('deleteEverything', {})).toMatchObject({ ok: false, error: { code: ErrorCode.UnknownChannel } });
    expect(await dispatch('signIn', { name: 42 })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(await dispatch('signIn', { name: 'Dana Whitfield', admin: true })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(await dispatch('constructor', {})).toMatchObject({ ok: false, error: { code: ErrorCode.UnknownChannel } });
    expect(app.catalog.audit.head()).toBeUndefined();
  });

  it('refuses custody channels until a custodian is signed in', async () => {
    const { dispatch } = dispatcher();
    expect(await dispatch('listAudit', {})).toMatchObject({ ok: false, error: { code: ErrorCode.NotSignedIn } });
    await dispatch('signIn', { name: 'Dana Whitfield' });
    expect(await dispatch('listAudit', {})).toMatchObject({ ok: true });
  });

  it('hides the text of unexpected errors from the renderer', async () => {
    const { app } = dispatcher();
    const handlers = { ...createHandlers(app), sessionStatus: () => { throw new Error('/media/VAULT-01/secret-path'); } };
    const internal: string[] = [];
    const dispatch = createDispatcher(handlers, (channel) => internal.push(channel));
    const result = await dispatch('sessionStatus', {});
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.Internal } });
    expect(JSON.stringify(result)).not.toContain('secret-path');
    expect(internal).toEqual(['sessionStatus']);
  });
});
