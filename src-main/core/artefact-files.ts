/**
 * How a stick keeps the generations of its artefact. Pure naming and retention rules; app/stick-artefacts does
 * the work on the stick.
 *
 *   vault.kdbx              the current generation: what a custodian with only KeePassXC opens
 *   vault.g6.kdbx           an older generation kept as history (KeePassXC opens it too)
 *   vault.g7.kdbx.staged    a new generation written and read back, not yet committed
 *
 * The same names with "seeds" for the seed store. Every one of these files is listed in medium.json with its
 * generation and SHA-256, so a KeePass file on the stick that is not listed is foreign.
 */

import { MEDIUM_ROLES, ROLE_FACTS, type MediumRole } from './custody-vocabulary';

export type ArtefactRole = MediumRole;
export type ArtefactFileState = 'current' | 'history' | 'staged';

/** The main artefact of each role, as named on the medium. */
export const ROLE_ARTEFACT: Readonly<Record<ArtefactRole, string>> = Object.fromEntries(MEDIUM_ROLES.map((role) => [role, ROLE_FACTS[role].artefact])) as Record<ArtefactRole, string>;

const STEM: Readonly<Record<ArtefactRole, string>> = { vault: 'vault', seed: 'seeds' };

/** Generations kept on a stick by default (the current one included). */
export const DEFAULT_KEPT_GENERATIONS = 3;
export const MIN_KEPT_GENERATIONS = 2;
export const MAX_KEPT_GENERATIONS = 20;

const NAME = /^(vault|seeds)(?:\.g([1-9]\d{0,14}))?\.kdbx(\.staged)?$/;

export interface ArtefactFileName {
  readonly role: ArtefactRole;
  readonly state: ArtefactFileState;
  /** Null for the current file, whose generation is recorded in medium.json and in its header. */
  readonly generation: number | null;
}

/** What a file name says about the artefact file it names; null for any other file. */
export function parseArtefactFileName(name: string): ArtefactFileName | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const role: ArtefactRole = match[1] === 'vault' ? 'vault' : 'seed';
  const generation = match[2] === undefined ? null : Number(match[2]);
  const staged = match[3] !== undefined;
  if (staged && generation === null) return null;
  if (generation === null) return { role, state: 'current', generation: null };
  return { role, state: staged ? 'staged' : 'history', generation };
}

export function artefactFileName(role: ArtefactRole, state: ArtefactFileState, generation: number): string {
  if (state === 'current') return ROLE_ARTEFACT[role];
  if (!Number.isSafeInteger(generation) || generation < 1) throw new RangeError(`generation ${generation} cannot name a file`);
  return `${STEM[role]}.g${generation}.kdbx${state === 'staged' ? '.staged' : ''}`;
}

/**
 * The history generations to delete once `newest` has been committed and read back on a stick: everything older
 * than the last `keep` generations (the newest included). Nothing is pruned for a generation not yet verified
 * there, and a generation newer than `newest` is never touched.
 */
export function generationsToPrune(history: readonly number[], newest: number, keep: number): number[] {
  const kept = Math.max(MIN_KEPT_GENERATIONS, Math.min(MAX_KEPT_GENERATIONS, Math.floor(keep)));
  return [...new Set(history)].filter((g) => g <= newest - kept).sort((a, b) => a - b);
}

/** Room for the manifest, the audit copy and filesystem overhead beside an artefact. */
export const SPACE_MARGIN_BYTES = 256 * 1024;

export interface SpaceVerdict {
  readonly ok: boolean;
  /** Bytes that must be free now: the staged copy sits beside the current one until the commit. */
  readonly neededNow: number;
  /** Bytes the artefact's files will take once `keep` generations of this size are kept. */
  readonly neededForHistory: number;
}

/**
 * Whether a stick can take a new generation of `size` bytes and still keep its history: room for the staged copy
 * now, and room overall (free space plus what the artefact's own files already take) for `keep` generations.
 */
export function judgeSpace(input: { readonly size: number; readonly freeBytes: number; readonly artefactBytes: number; readonly keep: number }): SpaceVerdict {
  const neededNow = input.size + SPACE_MARGIN_BYTES;
  const neededForHistory = input.size * Math.max(1, input.keep) + SPACE_MARGIN_BYTES;
  return { ok: input.freeBytes >= neededNow && input.freeBytes + input.artefactBytes >= neededForHistory, neededNow, neededForHistory };
}
