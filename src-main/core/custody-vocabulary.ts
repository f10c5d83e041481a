/**
 * The small words of custody, declared once: a medium's role and what hangs on it, how a stick is named when it
 * may carry no label, where a stick is kept as one sentence, and whether a stick is fit for an artefact. Every
 * message, document and view that says one of these goes through here, so the window, the CLI and the printed
 * papers cannot drift apart. Pure: no I/O.
 */

export const MEDIUM_ROLES = ['vault', 'seed'] as const;
/** What a stick is for: the vault (root passwords) or the seed store (MFA seeds), never both. */
export type MediumRole = (typeof MEDIUM_ROLES)[number];

export interface RoleFacts {
  /** The artefact's file name on the medium, what KeePassXC opens. */
  readonly artefact: string;
  /** The artefact in words: "vault" or "seed store". */
  readonly noun: string;
  /** Medium ids of this role start with it and a dash (VAULT-02, SEEDS-01). */
  readonly mediumIdPrefix: string;
  /** A stick of this role, with its article: "a vault stick". */
  readonly stick: string;
}

export const ROLE_FACTS: Readonly<Record<MediumRole, RoleFacts>> = {
  vault: { artefact: 'vault.kdbx', noun: 'vault', mediumIdPrefix: 'VAULT', stick: 'a vault stick' },
  seed: { artefact: 'seeds.kdbx', noun: 'seed store', mediumIdPrefix: 'SEEDS', stick: 'a seed stick' },
};

export function isMediumRole(value: unknown): value is MediumRole {
  return value === 'vault' || value === 'seed';
}

export function otherRole(role: MediumRole): MediumRole {
  return role === 'vault' ? 'seed' : 'vault';
}

/** What a stick says about itself (its label) and what the catalog knows it as: either may be missing. */
export interface NamedStick {
  readonly manifest?: { readonly mediumId: string; readonly role: MediumRole } | null;
  readonly catalogRecord?: { readonly mediumId: string; readonly role: MediumRole } | null;
}

/** The medium id a stick carries (its label, else what the catalog knows it as), or null for a new stick. */
export function mediumIdOf(stick: NamedStick): string | null {
  return stick.manifest?.mediumId ?? stick.catalogRecord?.mediumId ?? null;
}

/** A stick by its medium id, or by `fallback` (its device path, "this stick") when it carries no id. */
export function mediumName(stick: NamedStick & { readonly drive: { readonly devicePath: string } }): string;
export function mediumName(stick: NamedStick, fallback: string): string;
export function mediumName(stick: NamedStick & { readonly drive?: { readonly devicePath: string } }, fallback?: string): string {
  return mediumIdOf(stick) ?? fallback ?? stick.drive?.devicePath ?? 'this stick';
}

/** The role a stick is for, by its label, else by the catalog; null for a stick neither knows. */
export function stickRoleOf(stick: NamedStick): MediumRole | null {
  return stick.manifest?.role ?? stick.catalogRecord?.role ?? null;
}

/**
 * Whether a stick of `stickRole` may take an artefact of `artefactRole`: only a stick labelled for the same role
 * does. A stick of the other role is the separation rule's refusal; an unlabelled one must be labelled first.
 */
export type RoleFit = 'fit' | 'other-role' | 'unlabelled';

export function roleFit(stickRole: MediumRole | null, artefactRole: MediumRole): RoleFit {
  if (stickRole === null) return 'unlabelled';
  return stickRole === artefactRole ? 'fit' : 'other-role';
}

export type LocationKind = 'onsite' | 'offsite';

export interface KeptAt {
  readonly kind: LocationKind;
  readonly note: string | null;
}

/** "on site" / "off site" (or the recorded text itself, for a kind this version does not know). */
export function locationKindWords(kind: string): string {
  return kind === 'onsite' ? 'on site' : kind === 'offsite' ? 'off site' : kind;
}

/**
 * Where a stick is kept, as one sentence fragment: "on site, Safe 1, shelf 2" or "off site". Capitalised when it
 * starts a line or a table cell.
 */
export function locationSentence(location: KeptAt, options: { readonly capitalised?: boolean } = {}): string {
  const note = location.note?.trim() ?? '';
  const sentence = `${locationKindWords(location.kind)}${note ? `, ${note}` : ''}`;
  return options.capitalised ? sentence.charAt(0).toUpperCase() + sentence.slice(1) : sentence;
}
