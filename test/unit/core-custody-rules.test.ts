import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffAccounts, needsConfirmation } from '../../src-main/core/account-diff';
import { artefactFileName, generationsToPrune, judgeSpace, parseArtefactFileName } from '../../src-main/core/artefact-files';
import { belongsOnMedium, safeParseMediumManifest, serialiseMediumManifest, withArtefactFiles, type MediumManifest } from '../../src-main/core/medium-manifest';
import { paperFreshness } from '../../src-main/core/paper-freshness';
import { judgeAnswer, judgeSeal, normaliseSealSerial } from '../../src-main/core/seal-check';
import { commitOrder, enrolledAccounts, remainingTargets, settledStatus } from '../../src-main/core/write-job';

describe('artefact file names on a stick', () => {
  it('names the current, history and staged generations of each role, and reads them back', () => {
    expect(artefactFileName('vault', 'current', 7)).toBe('vault.kdbx');
    expect(artefactFileName('vault', 'history', 6)).toBe('vault.g6.kdbx');
    expect(artefactFileName('seed', 'staged', 8)).toBe('seeds.g8.kdbx.staged');
    fc.assert(
      fc.property(fc.constantFrom('vault' as const, 'seed' as const), fc.constantFrom('current' as const, 'history' as const, 'staged' as const), fc.integer({ min: 1, max: 1e12 }), (role, state, generation) => {
        const parsed = parseArtefactFileName(artefactFileName(role, state, generation));
        expect(parsed).toEqual({ role, state, generation: state === 'current' ? null : generation });
      }),
    );
    for (const other of ['vault.kdbx.prev', 'vault.g0.kdbx', 'vault.kdbx.staged', 'Vault.kdbx', 'vault.g07.kdbx', 'seeds.g1.kdbx.tmp', '../vault.kdbx', 'notes.kdbx']) {
      expect(parseArtefactFileName(other), other).toBeNull();
    }
  });

  it('lets a medium list its own role only', () => {
    expect(belongsOnMedium('vault', 'vault.g3.kdbx')).toBe(true);
    expect(belongsOnMedium('vault', 'seeds.g3.kdbx')).toBe(false);
    expect(belongsOnMedium('seed', 'seeds.g3.kdbx.staged')).toBe(true);
    expect(belongsOnMedium('seed', 'emergency-sheet.pdf')).toBe(false);
    expect(belongsOnMedium('vault', 'emergency-sheet.pdf')).toBe(true);
  });

  it('prunes only history older than the kept generations, counting the newest, never fewer than two', () => {
    expect(generationsToPrune([1, 2, 3], 4, 3)).toEqual([1]);
    expect(generationsToPrune([1, 2, 3, 4], 5, 3)).toEqual([1, 2]);
    expect(generationsToPrune([5, 6], 7, 3)).toEqual([]);
    expect(generationsToPrune([1, 2, 3], 4, 1)).toEqual([1, 2]);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 50 })), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 25 }), (history, newest, keep) => {
        const pruned = generationsToPrune(history, newest, keep);
        const kept = Math.max(2, Math.min(20, keep));
        for (const g of pruned) expect(g <= newest - kept).toBe(true);
        for (const g of history.filter((h) => !pruned.includes(h))) expect(g > newest - kept).toBe(true);
      }),
    );
  });

  it('needs room for the staged copy now and for the kept history overall', () => {
    const mib = 1024 * 1024;
    expect(judgeSpace({ size: mib, freeBytes: 4 * mib, artefactBytes: 0, keep: 3 }).ok).toBe(true);
    expect(judgeSpace({ size: mib, freeBytes: 1.1 * mib, artefactBytes: 2 * mib, keep: 3 }).ok).toBe(false);
    expect(judgeSpace({ size: mib, freeBytes: 1.3 * mib, artefactBytes: 2 * mib, keep: 3 }).ok).toBe(true);
    expect(judgeSpace({ size: 2 * mib, freeBytes: 3 * mib, artefactBytes: 0, keep: 3 }).ok).toBe(false);
  });
});

describe('medium.json lists every artefact file', () => {
  const base: MediumManifest = {
    formatVersion: 1,
    mediumId: 'VAULT-02',
    role: 'vault',
    device: { source: 'usb-serial', value: '4C530001231129115443' },
    location: { kind: 'offsite', note: 'Bank' },
    createdBy: 'Ana Duarte',
    createdAt: '2026-03-02T09:15:00.000Z',
    practice: false,
    artefacts: [],
  };
  const record = (name: string, generation: number, state: 'current' | 'history' | 'staged') => ({ name, generation, sha256: 'a'.repeat(64), size: 1, writtenAt: '2026-03-02T09:20:00.000Z', writtenBy: 'Ana Duarte', state });

  it('round-trips current, history and staged entries with name, generation and SHA-256', () => {
    const manifest = withArtefactFiles(base, [record('vault.kdbx', 7, 'current'), record('vault.g6.kdbx', 6, 'history'), record('vault.g8.kdbx.staged', 8, 'staged')]);
    const parsed = safeParseMediumManifest(serialiseMediumManifest(manifest));
    expect(parsed.ok && parsed.manifest.artefacts.map((a) => [a.name, a.generation, a.state])).toEqual([
      ['vault.g6.kdbx', 6, 'history'],
      ['vault.g8.kdbx.staged', 8, 'staged'],
      ['vault.kdbx', 7, 'current'],
    ]);
  });

  it('refuses the other role’s generations on a medium', () => {
    const parsed = safeParseMediumManifest(JSON.stringify({ ...base, artefacts: [record('seeds.g2.kdbx', 2, 'history')] }));
    expect(!parsed.ok && parsed.problem).toMatch(/seeds\.g2\.kdbx does not belong on a vault medium/);
  });
});

describe('write job rules', () => {
  it('commits one stick of each role first, then alternates', () => {
    const t = (role: 'vault' | 'seed', id: string) => ({ role, id });
    expect(commitOrder([t('vault', 'V1'), t('vault', 'V2'), t('vault', 'V3'), t('seed', 'S1'), t('seed', 'S2')]).map((x) => x.id)).toEqual(['V1', 'S1', 'V2', 'S2', 'V3']);
  });

  it('is complete only when every target committed or was deliberately left behind', () => {
    expect(settledStatus([{ role: 'vault', state: 'committed' }, { role: 'seed', state: 'left-behind' }])).toBe('complete');
    expect(settledStatus([{ role: 'vault', state: 'committed' }, { role: 'seed', state: 'failed' }])).toBe('pending');
    expect(remainingTargets([{ role: 'vault', state: 'committed' }, { role: 'seed', state: 'staged' }, { role: 'seed', state: 'failed' }])).toHaveLength(2);
  });

  it('counts an account enrolled only with its password on a vault stick and its seed on a seed stick (or a hardware token)', () => {
    const published = [
      { role: 'vault' as const, accountIds: ['A', 'B', 'H'] },
      { role: 'seed' as const, accountIds: ['A'] },
    ];
    expect(enrolledAccounts([{ accountId: 'A', hardwareMfa: false }, { accountId: 'B', hardwareMfa: false }, { accountId: 'H', hardwareMfa: true }, { accountId: 'C', hardwareMfa: false }], published)).toEqual(['A', 'H']);
  });
});

describe('account import diff', () => {
  const known = [
    { accountId: '111111111111', name: 'prod', rootEmail: 'a@example.com', awsStatus: 'ACTIVE', lifecycle: 'active' as const },
    { accountId: '222222222222', name: 'data', rootEmail: 'd@example.com', awsStatus: 'ACTIVE', lifecycle: 'removed-centrally' as const },
  ];

  it('lists renames, email and state changes, and missing accounts only for a whole listing', () => {
    const listed = [{ line: 3, accountId: '111111111111', name: 'prod-renamed', rootEmail: 'b@example.com', awsStatus: 'SUSPENDED' }];
    const whole = diffAccounts(known, listed, { completeListing: true });
    expect(whole.changes.map((c) => [c.kind, c.lifecycle])).toEqual([
      ['renamed', null],
      ['email-changed', null],
      ['status-changed', 'suspended'],
      ['missing', null],
    ]);
    expect(needsConfirmation(whole)).toBe(true);
    const page = diffAccounts(known, listed, { completeListing: false });
    expect(page.changes.some((c) => c.kind === 'missing')).toBe(false);
    expect(page.digest).not.toBe(whole.digest);
  });

  it('never lets an AWS listing undo a state a custodian recorded, and needs no confirmation for new accounts alone', () => {
    const reactivated = diffAccounts(known, [{ line: 2, accountId: '222222222222', name: 'data', rootEmail: 'd@example.com', awsStatus: 'CLOSED' }], { completeListing: false });
    expect(reactivated.changes).toEqual([expect.objectContaining({ kind: 'status-changed', lifecycle: null })]);
    const added = diffAccounts(known, [{ line: 2, accountId: '333333333333', name: 'new', rootEmail: 'n@example.com', awsStatus: null }], { completeListing: false });
    expect(needsConfirmation(added)).toBe(false);
  });
});

describe('seal log and physical checks', () => {
  it('compares serials as printed, and never turns an unanswered check into a failure', () => {
    expect(normaliseSealSerial(' te-000 123 ')).toBe('TE000123');
    const logged = { serial: 'TE-000123', sealedAt: '2026-08-01T10:00:00Z' };
    expect(judgeSeal(logged, 'te 000123').status).toBe('passed');
    expect(judgeSeal(logged, 'TE-000124').status).toBe('failed');
    expect(judgeSeal(logged, '  ').status).toBe('not-checked');
    expect(judgeSeal(null, 'TE-1').status).toBe('not-checked');
    const words = { yes: 'y', no: 'n', unanswered: 'u' };
    expect(judgeAnswer('not-checked', words)).toEqual({ status: 'not-checked', sentence: 'u' });
    expect(judgeAnswer('no', words).status).toBe('failed');
  });
});

describe('paper backup freshness', () => {
  it('is stale when no backup was printed or the newest printed is older than the seed store', () => {
    expect(paperFreshness(0, []).stale).toBe(false);
    expect(paperFreshness(2, []).stale).toBe(true);
    expect(paperFreshness(2, [{ generation: 1, madeAt: 'x' }]).sentence).toMatch(/seed generation 1, but the seed store is at generation 2/);
    expect(paperFreshness(2, [{ generation: 1, madeAt: 'x' }, { generation: 2, madeAt: 'y' }]).stale).toBe(false);
  });
});
