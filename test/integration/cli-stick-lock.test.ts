import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityKey } from '../../src-main/core/device-identity';
import { SimulatedDriveEnumerator } from '../../src-main/platform/simulated-drive-enumerator';
import { FileStickWriteLocks } from '../../src-main/platform/stick-write-lock';
import { custodianCli, ensureCliBuilt } from '../support/cli';

/** The window (here: this test process) writing a stick while a custodian runs the CLI on the same stick. */
describe('a CLI write to a stick another Strongroom process is writing', () => {
  let work: string;
  let home: string;
  let media: string;
  let strongroom: ReturnType<typeof custodianCli>;

  beforeAll(() => {
    ensureCliBuilt();
    work = mkdtempSync(join(tmpdir(), 'strongroom-cli-lock-'));
    home = join(work, 'home');
    media = join(work, 'media');
    strongroom = custodianCli(home, media);
    mkdirSync(join(media, 'vault-a'), { recursive: true });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('is refused with STICK_BUSY while the other holds the stick, writes nothing, and goes through once it is done', { timeout: 60_000 }, async () => {
    const stick = join(media, 'vault-a');
    const drive = (await new SimulatedDriveEnumerator(media).list()).find((d) => d.devicePath === stick)!;
    const locks = new FileStickWriteLocks(join(home, 'stick-locks'));

    await locks.hold([{ identity: identityKey(drive.identity), name: 'the stick' }], async () => {
      const refused = strongroom(['label', stick, '--role', 'vault', '--location', 'onsite: Safe 1']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/STICK_BUSY: .+ is being written by another Strongroom window or command; wait for it to finish, then try again\./);
      expect(strongroom(['drives']).stdout).not.toContain('VAULT-01');
    });

    const labelled = strongroom(['label', stick, '--role', 'vault', '--location', 'onsite: Safe 1']);
    expect(labelled.code, labelled.stderr).toBe(0);
    await locks.hold([{ identity: identityKey(drive.identity), name: 'VAULT-01' }], async () => {
      const wipe = strongroom(['wipe', stick, '--confirm', 'VAULT-01']);
      expect(wipe.code).toBe(1);
      expect(wipe.stderr).toMatch(/STICK_BUSY: VAULT-01 is being written by another Strongroom window/);
    });
  });
});
