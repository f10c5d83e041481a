import { credentialsRetired } from '../core/account';
import { CHECK } from '../core/verification-check-names';
import { ROLE_ARTEFACT, type MediumRole } from '../core/medium-manifest';
import type { Catalog } from '../catalog/catalog';
import type { InventoryEntry } from './stick-artefacts';
import type { SeedFacts } from './verification-openings';

export { CHECK };

/**
 * The accounts a stick must hold: those of the generation it holds, as recorded when it was written; for
 * older records, the enrolled accounts in use. Closed and centrally removed accounts are not expected.
 */
export function checkAccounts(
  catalog: Catalog,
  role: MediumRole,
  opened: { generation: number; accountIds: readonly string[] },
  pass: (n: string, s: string) => void,
  fail: (n: string, s: string) => void,
): void {
  const recorded = catalog.generations.get(ROLE_ARTEFACT[role], opened.generation)?.accountIds ?? null;
  const retired = new Set(catalog.accounts.list().filter((a) => credentialsRetired(a.lifecycle)).map((a) => a.accountId));
  // Accounts whose MFA is a hardware token in the safe have a password in the vault but no seed.
  const expected = new Set(
    (recorded ?? catalog.accounts.custodied().filter((a) => a.enrolledAt && (role === 'vault' || a.mfa.kind === 'virtual')).map((a) => a.accountId)).filter((id) => !retired.has(id)),
  );
  const actual = new Set(opened.accountIds.filter((id) => !retired.has(id)));
  const missing = [...expected].filter((id) => !actual.has(id));
  const unexpected = [...actual].filter((id) => !expected.has(id));
  if (missing.length === 0 && unexpected.length === 0) pass(CHECK.accounts, `All ${expected.size} accounts of generation ${opened.generation} are present, and no other.`);
  else fail(CHECK.accounts, [missing.length ? `Missing: ${missing.join(', ')}.` : '', unexpected.length ? `Not in the catalog: ${unexpected.join(', ')}.` : ''].join(' ').trim());
}

/** Every kept older generation is still there, byte for byte, and nothing else claims to be one. */
export function checkHistory(artefact: string, inventory: readonly InventoryEntry[], pass: (n: string, s: string) => void, fail: (n: string, s: string) => void): void {
  const history = inventory.filter((f) => f.state === 'history');
  const staged = inventory.filter((f) => f.state === 'staged');
  const problems = inventory.filter((f) => (f.state === 'history' || f.state === 'staged') && !f.matches).map((f) => `${f.name} ${f.problem}`);
  const strangers = inventory.filter((f) => f.state === 'unlisted').map((f) => `${f.name} (${f.problem})`);
  if (problems.length > 0 || strangers.length > 0) {
    fail(CHECK.history, [problems.length ? `Kept generations damaged or missing: ${problems.join('; ')}.` : '', strangers.length ? `Files named like ${artefact} generations that this kiosk did not record: ${strangers.join('; ')}.` : ''].join(' ').trim());
    return;
  }
  const kept = history.map((f) => f.generation).sort((a, b) => (a ?? 0) - (b ?? 0));
  pass(
    CHECK.history,
    (kept.length ? `Keeps generation${kept.length === 1 ? '' : 's'} ${kept.join(', ')} as history, each unchanged.` : 'No older generation is kept yet.') +
      (staged.length ? ` Generation ${staged.map((f) => f.generation).join(', ')} is staged, waiting for its commit (a pending write).` : ''),
  );
}

/** Seeds compared across the seed sticks of a run, by digest: a replica whose seed differs is named. */
export class SeedReplicaComparison {
  /** Per run: account id → SHA-256 of its seed on the first seed stick checked (a digest, never the seed). */
  private readonly digests = new Map<string, Map<string, { digest: string; mediumId: string }>>();

  check(
    runId: string,
    mediumId: string,
    seeds: readonly SeedFacts[],
    pass: (name: string, sentence: string) => void,
    fail: (name: string, sentence: string) => void,
  ): void {
    const digests = this.digests.get(runId) ?? new Map<string, { digest: string; mediumId: string }>();
    this.digests.set(runId, digests);
    const unusable: string[] = [];
    const differing: string[] = [];
    for (const seed of seeds) {
      if (!seed.usable) unusable.push(seed.accountId);
      const digest = seed.digest;
      const twin = digests.get(seed.accountId);
      if (!twin) digests.set(seed.accountId, { digest, mediumId });
      else if (twin.mediumId !== mediumId && twin.digest !== digest) differing.push(`${seed.name} (${seed.accountId}) differs from ${twin.mediumId}`);
    }
    if (unusable.length === 0 && differing.length === 0) {
      pass(CHECK.seeds, `All ${seeds.length} seeds give a code, and match the other seed sticks checked in this run.`);
    } else {
      fail(CHECK.seeds, [unusable.length ? `No code from the seed of: ${unusable.join(', ')}.` : '', differing.length ? `Seed mismatch between replicas: ${differing.join('; ')}.` : ''].join(' ').trim());
    }
  }

  forget(runId: string): void {
    this.digests.delete(runId);
  }
}
