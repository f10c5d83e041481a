import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KdfParameters } from '../../src-main/artefacts/kdbx-crypto';
import { protect } from '../../src-main/artefacts/strongroom-kdbx';
import { buildVaultFile, openVaultFile } from '../../src-main/artefacts/vault-file';
import { ErrorCode } from '../../src-main/core/errors';
import { combineShares, decodeTypedShare, drawMasterKey, masterKeyPassphrase, splitMasterKey } from '../../src-main/core/master-key-shares';
import { nodeCryptoRandom } from '../../src-main/platform/crypto-random';

/**
 * The KeePassXC path with shares: the combined master key, rendered as its passphrase string, is the vault's
 * KDBX password, so stock KeePassXC opens a vault keyed from any two of three cards.
 */

const KEEPASSXC = spawnSync('keepassxc-cli', ['--version'], { encoding: 'utf8' }).status === 0;
const CHEAP_KDF: KdfParameters = { algorithm: 'argon2id', memoryMiB: 1, iterations: 1, parallelism: 1 };
const dir = mkdtempSync(join(tmpdir(), 'strongroom-shares-kdbx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!KEEPASSXC)('a vault keyed with 2-of-3 shares', () => {
  it('opens with any two cards, in Strongroom and in KeePassXC, and not with one', async () => {
    const key = drawMasterKey(nodeCryptoRandom);
    const cards = await splitMasterKey(key, { role: 'vault', generation: 1, threshold: 2, shares: 3 }, nodeCryptoRandom);
    const account = { accountId: '012345678901', name: 'Payments prod', rootEmail: 'aws+pay@example.com' };
    const bytes = await buildVaultFile([{ account, password: protect('r8#Kq!vT2(mZp_9xW$a&*)') }], { generation: 1, passphrase: protect(masterKeyPassphrase(key)), kdf: CHEAP_KDF });
    const path = join(dir, 'vault.kdbx');
    writeFileSync(path, bytes);

    const typed = (i: number) => decodeTypedShare(cards[i]!.lines.map((l) => ({ text: l.groups.join(' '), check: l.check })));
    for (const [a, b] of [[0, 1], [0, 2], [1, 2]] as const) {
      const passphrase = masterKeyPassphrase(await combineShares([typed(a), typed(b)]));
      const opened = await openVaultFile(bytes, protect(passphrase));
      expect(opened.entries.map((e) => e.accountId)).toEqual(['012345678901']);
      const listed = spawnSync('keepassxc-cli', ['ls', '-q', '-R', '-f', path], { input: `${passphrase}\n`, encoding: 'utf8' });
      expect(listed.status, listed.stderr).toBe(0);
      expect(listed.stdout).toContain('Payments prod (012345678901)');
    }
    for (const i of [0, 1, 2]) await expect(combineShares([typed(i)])).rejects.toMatchObject({ code: ErrorCode.SharesTooFew });
  });
});
