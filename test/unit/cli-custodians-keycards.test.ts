import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { PassphraseReader } from '../../src-main/cli/passphrase-input';
import { drawMasterKey, masterKeyPassphrase, splitMasterKey } from '../../src-main/core/master-key-shares';
import { nodeCryptoRandom as nodeRandom } from '../../src-main/platform/crypto-random';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'strongroom-cli-custodians-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

async function cli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['--home', join(work, 'home'), ...args], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, { STRONGROOM_MEDIA_ROOT: join(work, 'media') }, {
    passphrases: new PassphraseReader(Readable.from([stdin])),
  });
  return { code, out, err };
}

describe('strongroom custodians', () => {
  it('lets the first custodian of a fresh kiosk register themself, then only registered custodians add others', async () => {
    expect((await cli(['--custodian', 'Dana Whitfield', 'passphrase', 'suggest'])).err).toMatch(/No custodian is registered on this kiosk yet/);
    const first = await cli(['custodians', 'add', 'Dana Whitfield', '--custodian', 'Dana Whitfield']);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/first custodian/);
    expect((await cli(['custodians', 'add', 'Sam Okafor', '--custodian', 'Dana Whitfield'])).code).toBe(0);
    // Nobody bootstraps themself any more, and an unregistered name cannot register anyone.
    const selfMade = await cli(['custodians', 'add', 'Mallory Intruder', '--custodian', 'Mallory Intruder']);
    expect(selfMade.code).not.toBe(0);
    expect(selfMade.err).toMatch(/not a registered custodian/);
    const listed = await cli(['--json', 'custodians', 'list']);
    expect((JSON.parse(listed.out) as { name: string; registeredBy: string | null }[]).map((c) => [c.name, c.registeredBy]).sort()).toEqual([
      ['Dana Whitfield', null],
      ['Sam Okafor', 'Dana Whitfield'],
    ]);
  });

  it('refuses a code with the same custodian twice, or with no second custodian, before asking for a passphrase', async () => {
    await cli(['custodians', 'add', 'Dana Whitfield', '--custodian', 'Dana Whitfield']);
    const same = await cli(['--custodian', 'Dana Whitfield', 'code', '--account', '111111111111', '--seeds', join(work, 'media'), '--second-custodian', 'dana whitfield']);
    expect(same.code).not.toBe(0);
    expect(same.err).toMatch(/two different custodians/);
    expect(same.err).not.toMatch(/passphrase:/i);
    const none = await cli(['--custodian', 'Dana Whitfield', 'code', '--account', '111111111111', '--seeds', join(work, 'media')]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--second-custodian is needed/);
  });
});

describe('strongroom keycards combine', () => {
  it('gives the KDBX password from any k cards of a set, and refuses fewer or a card twice', async () => {
    const key = drawMasterKey(nodeRandom);
    const shares = await splitMasterKey(key, { role: 'vault', generation: 3, threshold: 2, shares: 3 }, nodeRandom);
    for (const [a, b] of [[0, 1], [1, 2], [2, 0]] as const) {
      const run = await cli(['keycards', 'combine'], `${shares[a]!.qrText}\n${shares[b]!.qrText}\n`);
      expect(run.code).toBe(0);
      expect(run.out.trim()).toBe(masterKeyPassphrase(key));
    }
    const twice = await cli(['keycards', 'combine'], `${shares[0]!.qrText}\n${shares[0]!.qrText}\n`);
    expect(twice.code).not.toBe(0);
    expect(twice.out).not.toContain(masterKeyPassphrase(key));
    const one = await cli(['keycards', 'combine'], `${shares[0]!.qrText}\n`);
    expect(one.code).not.toBe(0);
    expect(one.out).not.toContain(masterKeyPassphrase(key));
  });
});
