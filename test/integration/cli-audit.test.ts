import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StrongroomApp } from '../../src-main/app/strongroom-app';
import { flipByteInCatalog } from '../support/catalog-tamper';
import { ensureCliBuilt, runCli, registerCliCustodians } from '../support/cli';
import { makeTempHome } from '../support/temp-home';
import { registerAndSignIn } from '../support/custodians';

const strongroom = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { env });

describe('strongroom audit (CLI)', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  beforeAll(() => ensureCliBuilt());

  it('reports a verified chain on a fresh home', () => {
    const { home, remove } = makeTempHome();
    cleanup = remove;
    const run = strongroom(['audit', 'verify', '--json', '--home', home]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ intact: true, count: 0 });
  });

  it('takes the home from STRONGROOM_HOME and lists events', () => {
    const { home, remove } = makeTempHome();
    cleanup = remove;
    const app = new StrongroomApp({ home });
    registerAndSignIn(app, 'Dana Whitfield');
    app.close();
    const run = strongroom(['audit', 'list'], { STRONGROOM_HOME: home });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1 .*Dana Whitfield {2}custodian\.signed-in/);
    expect(run.stdout).toMatch(/Audit trail verified: 1 events/);
  });

  it('exits 1 and names the first bad event after one byte of an audit row is changed', () => {
    const { home, remove } = makeTempHome();
    cleanup = remove;
    const app = new StrongroomApp({ home });
    registerAndSignIn(app, 'Dana Whitfield');
    app.session.record({ action: 'medium.labelled', subject: 'VAULT-01' });
    app.session.record({ action: 'medium.labelled', subject: 'SEEDS-01' });
    app.close();
    flipByteInCatalog(home, 'VAULT-01');

    const json = strongroom(['audit', 'verify', '--json', '--home', home]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ intact: false, firstBadSeq: 2 });

    const text = strongroom(['audit', 'verify', '--home', home]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('AUDIT TRAIL BROKEN at event 2');
  });

  it('prints usage and exits 2 for an unknown command', () => {
    const run = strongroom(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown command');
  });
});

describe('strongroom passphrase (CLI)', () => {
  beforeAll(() => ensureCliBuilt());

  it('suggests seven words that its own check accepts, and refuses a guessable one', () => {
    const { home, remove } = makeTempHome();
    try {
      registerCliCustodians(home);
      const suggested = runCli(['--home', home, '--custodian', 'Dana Whitfield', 'passphrase', 'suggest', '--json']);
      expect(suggested.code).toBe(0);
      const { passphrase } = JSON.parse(suggested.stdout) as { passphrase: string };
      expect(passphrase.split('-')).toHaveLength(7);
      expect(runCli(['--home', home, 'passphrase', 'check'], { input: `${passphrase}\n` }).code).toBe(0);
      const weak = runCli(['--home', home, 'passphrase', 'check'], { input: 'password123\n' });
      expect(weak.code).toBe(1);
      expect(weak.stdout).toMatch(/too weak for a master passphrase/i);
    } finally {
      remove();
    }
  });
});
