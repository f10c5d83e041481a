import { afterEach, describe, expect, it } from 'vitest';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { FakeClock } from '../support/fake-clock';
import { PracticeMedia } from '../support/practice-media';
import { makeTempHome } from '../support/temp-home';
import { registerAndSignIn } from '../support/custodians';

function freshApp(practiceMode = false) {
  const { home, remove } = makeTempHome();
  const clock = new FakeClock();
  const practice = practiceMode ? new PracticeMedia() : null;
  const app = new StrongroomApp({ home, clock, env: {}, ...(practice ? { media: practice.platform } : {}) });
  return { app, clock, cleanup: () => (app.close(), remove(), practice?.cleanup()) };
}

describe('who is at the kiosk', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('registers the first custodian of a fresh kiosk and attributes the sign-in to them', () => {
    const t = freshApp();
    cleanup = t.cleanup;
    const status = t.app.custodians.registerFirst('  Dana   Whitfield ');
    expect(status.custodian).toBe('Dana Whitfield');
    const head = t.app.catalog.audit.head()!;
    expect(head).toMatchObject({ custodian: 'Dana Whitfield', action: 'custodian.signed-in' });
    expect(t.app.catalog.custodians.find('Dana Whitfield')).toMatchObject({ registeredBy: null });
  });

  it('recognises a known custodian whatever the letter case, keeping the stored spelling', () => {
    const t = freshApp();
    cleanup = t.cleanup;
    registerAndSignIn(t.app, 'Dana Whitfield');
    expect(t.app.session.signIn('dana whitfield').custodian).toBe('Dana Whitfield');
    expect(t.app.catalog.custodians.list()).toHaveLength(1);
  });

  it('refuses a name that is empty or carries control characters', () => {
    const t = freshApp();
    cleanup = t.cleanup;
    expect(() => t.app.session.signIn(' ')).toThrow(expect.objectContaining({ code: 'INVALID_CUSTODIAN_NAME' }));
    expect(() => t.app.session.signIn('Dana\nseq 4 forged')).toThrow(expect.objectContaining({ code: 'INVALID_CUSTODIAN_NAME' }));
  });

  it('locks after the configured idle time and returns to "who is at the kiosk"', () => {
    const t = freshApp();
    cleanup = t.cleanup;
    registerAndSignIn(t.app, 'Dana Whitfield');
    t.clock.advanceMinutes(4);
    expect(t.app.session.status().custodian).toBe('Dana Whitfield');
    t.clock.advanceMinutes(1);
    const status = t.app.session.status();
    expect(status).toMatchObject({ custodian: null, lockedForIdle: true });
    expect(t.app.catalog.audit.head()).toMatchObject({ action: 'custodian.locked-idle', custodian: 'Dana Whitfield' });
    expect(() => t.app.session.requireCustodian()).toThrow(expect.objectContaining({ code: 'SESSION_LOCKED' }));
  });

  it('keeps the session open while the custodian is working', () => {
    const t = freshApp();
    cleanup = t.cleanup;
    registerAndSignIn(t.app, 'Dana Whitfield');
    for (let i = 0; i < 10; i += 1) {
      t.clock.advanceMinutes(4);
      t.app.session.touch();
    }
    expect(t.app.session.status().custodian).toBe('Dana Whitfield');
  });

  it('uses a changed idle time, and records who changed it', () => {
    const t = freshApp();
    cleanup = t.cleanup;
    registerAndSignIn(t.app, 'Dana Whitfield');
    t.app.session.setIdleLockMinutes(2);
    expect(t.app.catalog.audit.head()).toMatchObject({ action: 'settings.idle-lock-changed', details: { from: 5, to: 2 } });
    t.clock.advanceMinutes(2);
    expect(t.app.session.status().lockedForIdle).toBe(true);
  });

  it('marks every event as practice when running on simulated media', () => {
    const t = freshApp(true);
    cleanup = t.cleanup;
    registerAndSignIn(t.app, 'Dana Whitfield');
    expect(t.app.catalog.audit.head()!.details['practice']).toBe(true);
  });

  it('signs the previous custodian out when someone else takes over', () => {
    const t = freshApp();
    cleanup = t.cleanup;
    registerAndSignIn(t.app, 'Dana Whitfield');
    registerAndSignIn(t.app, 'Sam Okafor');
    const recent = t.app.catalog.audit.list({ limit: 2 });
    expect(recent.map((e) => [e.action, e.custodian])).toEqual([
      ['custodian.signed-in', 'Sam Okafor'],
      ['custodian.signed-out', 'Dana Whitfield'],
    ]);
    expect(t.app.catalog.audit.verify().intact).toBe(true);
  });
});

describe('idle lock and background requests', () => {
  it('is not held open by screens polling on behalf of an absent custodian', () => {
    const { home, remove } = makeTempHome();
    const clock = new FakeClock();
    const app = new StrongroomApp({ home, clock, env: {} });
    try {
      registerAndSignIn(app, 'Dana Whitfield');
      for (let i = 0; i < 5; i += 1) {
        clock.advanceMinutes(1);
        if (i < 4) app.session.requireCustodian();
      }
      expect(app.session.status().lockedForIdle).toBe(true);
    } finally {
      app.close();
      remove();
    }
  });
});

describe('a custodian coming back after the idle time', () => {
  it('is a new session: the idle lock is recorded first, even under the same name', () => {
    const { home, remove } = makeTempHome();
    const clock = new FakeClock();
    const app = new StrongroomApp({ home, clock, env: {} });
    try {
      registerAndSignIn(app, 'Dana Whitfield');
      let ended = 0;
      app.session.onEnd(() => (ended += 1));
      clock.advanceMinutes(30);
      registerAndSignIn(app, 'Dana Whitfield');
      expect(ended).toBe(1);
      expect(app.catalog.audit.list({ limit: 2 }).map((e) => e.action)).toEqual(['custodian.signed-in', 'custodian.locked-idle']);
    } finally {
      app.close();
      remove();
    }
  });
});
