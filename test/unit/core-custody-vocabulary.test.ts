import { describe, expect, it } from 'vitest';
import { artefactFileName, parseArtefactFileName, ROLE_ARTEFACT } from '../../src-main/core/artefact-files';
import {
  isMediumRole,
  locationKindWords,
  locationSentence,
  MEDIUM_ROLES,
  mediumIdOf,
  mediumName,
  otherRole,
  ROLE_FACTS,
  roleFit,
  stickRoleOf,
  type MediumRole,
  type RoleFit,
} from '../../src-main/core/custody-vocabulary';
import { sha256Hex } from '../../src-main/core/sha256';

describe('custody vocabulary', () => {
  it('gives each role its artefact, its words and its medium-id prefix, and the artefact files agree', () => {
    expect(ROLE_FACTS.vault).toEqual({ artefact: 'vault.kdbx', noun: 'vault', mediumIdPrefix: 'VAULT', stick: 'a vault stick' });
    expect(ROLE_FACTS.seed).toEqual({ artefact: 'seeds.kdbx', noun: 'seed store', mediumIdPrefix: 'SEEDS', stick: 'a seed stick' });
    for (const role of MEDIUM_ROLES) {
      expect(ROLE_ARTEFACT[role]).toBe(ROLE_FACTS[role].artefact);
      expect(parseArtefactFileName(artefactFileName(role, 'current', 1))?.role).toBe(role);
      expect(otherRole(otherRole(role))).toBe(role);
      expect(otherRole(role)).not.toBe(role);
    }
    expect([isMediumRole('vault'), isMediumRole('seed'), isMediumRole('seeds'), isMediumRole('__proto__'), isMediumRole(null)]).toEqual([true, true, false, false, false]);
  });

  it('decides whether a stick is fit for an artefact: only a stick of the same role, never the other, never an unlabelled one', () => {
    const table: [MediumRole | null, MediumRole, RoleFit][] = [
      ['vault', 'vault', 'fit'],
      ['seed', 'seed', 'fit'],
      ['vault', 'seed', 'other-role'],
      ['seed', 'vault', 'other-role'],
      [null, 'vault', 'unlabelled'],
      [null, 'seed', 'unlabelled'],
    ];
    for (const [stick, artefact, fit] of table) expect(roleFit(stick, artefact), `${stick} stick, ${artefact} artefact`).toBe(fit);
  });

  it('names a stick by its label, else by the catalog, else by its device or the fallback given', () => {
    const drive = { devicePath: '/dev/sdb' };
    const label = { mediumId: 'VAULT-02', role: 'vault' as const };
    const record = { mediumId: 'VAULT-03', role: 'seed' as const };
    expect(mediumName({ manifest: label, catalogRecord: record, drive })).toBe('VAULT-02');
    expect(mediumName({ manifest: null, catalogRecord: record, drive })).toBe('VAULT-03');
    expect(mediumName({ manifest: null, catalogRecord: null, drive })).toBe('/dev/sdb');
    expect(mediumName({ manifest: null, catalogRecord: null }, 'this stick')).toBe('this stick');
    expect(mediumIdOf({ manifest: null, catalogRecord: null })).toBeNull();
    expect(stickRoleOf({ manifest: label, catalogRecord: record })).toBe('vault');
    expect(stickRoleOf({ manifest: null, catalogRecord: record })).toBe('seed');
    expect(stickRoleOf({})).toBeNull();
  });

  it('says where a stick is kept in one spelling, with or without a note, capitalised at the start of a line', () => {
    expect(locationSentence({ kind: 'onsite', note: 'Safe 1, shelf 2' })).toBe('on site, Safe 1, shelf 2');
    expect(locationSentence({ kind: 'offsite', note: 'Bank box 7' })).toBe('off site, Bank box 7');
    expect(locationSentence({ kind: 'offsite', note: '' })).toBe('off site');
    expect(locationSentence({ kind: 'onsite', note: '   ' })).toBe('on site');
    expect(locationSentence({ kind: 'onsite', note: null })).toBe('on site');
    expect(locationSentence({ kind: 'onsite', note: ' Safe A ' }, { capitalised: true })).toBe('On site, Safe A');
    expect(locationSentence({ kind: 'offsite', note: null }, { capitalised: true })).toBe('Off site');
    // An audit entry from another version may carry a kind this one does not know: it is shown as recorded.
    expect(locationKindWords('vault-room')).toBe('vault-room');
  });

  it('writes SHA-256 as lower-case hex, of bytes and of text alike', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(sha256Hex('abc'));
  });
});
