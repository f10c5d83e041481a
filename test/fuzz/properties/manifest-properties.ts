import fc from 'fast-check';
import { MediumManifestSchema, parseMediumManifest, safeParseMediumManifest, serialiseMediumManifest, type MediumManifest } from '../../../src-main/core/medium-manifest';
import { mutatedJson, mutatedText } from '../arbitraries';
import { fuzzProperty, refusalOf, type FuzzProperty } from '../fuzz-kit';

const VALID: MediumManifest = {
  formatVersion: 1,
  mediumId: 'VAULT-02',
  role: 'vault',
  device: { source: 'usb-serial', value: '4C530001231129115443' },
  location: { kind: 'offsite', note: 'Bank box 12' },
  createdBy: 'Ana Duarte',
  createdAt: '2026-03-02T09:15:00Z',
  practice: false,
  artefacts: [
    { name: 'vault.kdbx', generation: 3, sha256: 'a'.repeat(64), size: 4096, writtenAt: '2026-03-02T09:20:00Z', writtenBy: 'Ana Duarte' },
    { name: 'audit.jsonl', generation: 9, sha256: 'b'.repeat(64), size: 120, writtenAt: '2026-03-02T09:20:01Z', writtenBy: 'Ana Duarte' },
  ],
};
const validText = serialiseMediumManifest(VALID);

/** Whatever is accepted is a manifest Strongroom itself could write, and reads back the same. */
function acceptedIsValid(text: string): boolean {
  const result = safeParseMediumManifest(text);
  if (!result.ok) return typeof result.problem === 'string' && result.problem.length > 0 && refusalOf(() => parseMediumManifest(text, 'the stick'))?.code === 'MEDIUM_MANIFEST_INVALID';
  const again = safeParseMediumManifest(serialiseMediumManifest(result.manifest));
  return again.ok && JSON.stringify(again.manifest) === JSON.stringify(result.manifest) && MediumManifestSchema.safeParse(result.manifest).success;
}

export const manifestProperties: readonly FuzzProperty[] = [
  fuzzProperty('medium.json', 'any text is read as a valid label or refused with a reason, never a crash', fc.property(fc.string({ maxLength: 200 }), acceptedIsValid)),
  fuzzProperty('medium.json', 'a damaged label file is refused or still a valid label', fc.property(mutatedText(validText), acceptedIsValid)),
  fuzzProperty('medium.json', 'a label with any one value changed is refused or still a valid label', fc.property(mutatedJson(JSON.parse(validText)), (json) => acceptedIsValid(JSON.stringify(json)))),
  fuzzProperty(
    'medium.json',
    'an artefact name that could lead out of STRONGROOM/ is never accepted',
    fc.property(fc.constantFrom('../vault.kdbx', 'a/b', '/etc/passwd', '.', '..', 'vault.kdbx\u0000', 'C:\\x', ''), fc.string({ maxLength: 10 }), (bad, suffix) => {
      const text = JSON.stringify({ ...VALID, artefacts: [{ ...VALID.artefacts[0]!, name: bad + suffix }] });
      return !safeParseMediumManifest(text).ok || !/[/\\\0]|^\.\.?$/.test(bad + suffix);
    }),
  ),
];
