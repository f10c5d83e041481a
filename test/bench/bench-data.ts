import { protect } from '../../src-main/artefacts/strongroom-kdbx';
import type { VaultEntryInput } from '../../src-main/artefacts/vault-file';
import { fakeAccounts } from './print-fixtures';

/**
 * Generated organisations for the benchmark: N made-up accounts with AWS-style 64-character seeds, derived from
 * their index so every run measures the same data, and no real secret is ever involved.
 */

export const BENCH_VAULT_PASSPHRASE = 'bench vault orbit velvet canyon sprout lantern';
export const BENCH_SEED_PASSPHRASE = 'bench seeds quiver mosaic tundra meadow harbour';

export function benchAccounts(count: number) {
  return fakeAccounts(count);
}

export function vaultEntries(count: number): VaultEntryInput[] {
  return benchAccounts(count).map((a, i) => ({
    account: { accountId: a.accountId, name: a.name, rootEmail: a.email },
    password: protect(`bench-root-password-${i}-Xq7!fK2#pLm9@vR4&tZ8`),
  }));
}

/** The account table a custodian would provision from (see README, "Command line"). */
export function provisioningCsv(count: number): string {
  const rows = benchAccounts(count).map((a) => `${a.accountId},${a.name},${a.email},${a.seedBase32}`);
  return `Account #,Account Name,Account Email,MFA Seed\n${rows.join('\n')}\n`;
}
