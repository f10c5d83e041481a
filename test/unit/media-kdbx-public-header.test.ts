import kdbxweb from 'kdbxweb';
import { describe, expect, it } from 'vitest';
import { isKdbxSignature, keePassFormatOf, readKdbxPublicHeader } from '../../src-main/artefacts/kdbx-public-header';

/**
 * A real KDBX4 file from kdbxweb with the given public custom data. AES-KDF with few rounds keeps it fast; the
 * outer header layout is the same as with Argon2.
 */
async function kdbxWith(publicStrings: Record<string, string> | null, extra?: (vd: InstanceType<typeof kdbxweb.VarDictionary>) => void): Promise<Uint8Array> {
  const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString('correct horse')), 'test');
  db.header.setKdf(kdbxweb.Consts.KdfId.Aes);
  db.header.kdfParameters?.set('R', kdbxweb.VarDictionary.ValueType.UInt64, new kdbxweb.Int64(1000));
  if (publicStrings) {
    const vd = new kdbxweb.VarDictionary();
    for (const [key, value] of Object.entries(publicStrings)) vd.set(key, kdbxweb.VarDictionary.ValueType.String, value);
    extra?.(vd);
    db.header.publicCustomData = vd;
  }
  return new Uint8Array(await db.save());
}

describe('reading the public header of a KDBX file without its key', () => {
  it('finds the role and generation Strongroom wrote into a KDBX4 vault', async () => {
    const bytes = await kdbxWith({ 'strongroom.role': 'vault', 'strongroom.generation': '12', 'strongroom.format': '1' });
    expect(readKdbxPublicHeader(bytes)).toEqual({
      kdbx: true,
      version: { major: 4, minor: expect.any(Number) },
      kdf: { kind: 'aes', rounds: 1000 },
      role: 'vault',
      generation: 12,
      publicStrings: { 'strongroom.role': 'vault', 'strongroom.generation': '12', 'strongroom.format': '1' },
      headerComplete: true,
    });
  });

  it('finds a seed role and skips items that are not strings', async () => {
    const bytes = await kdbxWith({ 'strongroom.role': 'seed', 'strongroom.format': '1' }, (vd) => {
      vd.set('other.count', kdbxweb.VarDictionary.ValueType.UInt32, 7);
      vd.set('other.flag', kdbxweb.VarDictionary.ValueType.Bool, true);
    });
    const header = readKdbxPublicHeader(bytes);
    expect(header).toMatchObject({ kdbx: true, role: 'seed', generation: null });
    expect(header.kdbx && header.publicStrings).toEqual({ 'strongroom.role': 'seed', 'strongroom.format': '1' });
  });

  it('gives no role to a KDBX4 without public custom data', async () => {
    expect(readKdbxPublicHeader(await kdbxWith(null))).toMatchObject({ kdbx: true, role: null, publicStrings: {}, headerComplete: true });
  });

  it('gives no role when the format marker is missing or unknown, or the role is not one of ours', async () => {
    expect(readKdbxPublicHeader(await kdbxWith({ 'strongroom.role': 'vault' }))).toMatchObject({ role: null });
    expect(readKdbxPublicHeader(await kdbxWith({ 'strongroom.role': 'vault', 'strongroom.format': '2' }))).toMatchObject({ role: null });
    expect(readKdbxPublicHeader(await kdbxWith({ 'strongroom.role': 'Vault', 'strongroom.format': '1' }))).toMatchObject({ role: null });
  });

  it('reports a file cut off inside the header as incomplete, with no role', async () => {
    const bytes = await kdbxWith({ 'strongroom.role': 'vault', 'strongroom.format': '1' });
    const header = readKdbxPublicHeader(bytes.subarray(0, 60));
    expect(header).toMatchObject({ kdbx: true, version: { major: 4 }, role: null, headerComplete: false });
  });

  it('reports a damaged public custom data dictionary as incomplete', async () => {
    const bytes = await kdbxWith({ 'strongroom.role': 'vault', 'strongroom.format': '1' });
    // Corrupt the dictionary's version word (just after field id 12 and its 4-byte size).
    const at = indexOfField(bytes, 12);
    const damaged = bytes.slice();
    damaged[at + 5 + 1] = 0x07;
    expect(readKdbxPublicHeader(damaged)).toMatchObject({ kdbx: true, role: null, headerComplete: false });
  });

  it('reads a KDBX 3.1 header (two-byte field sizes) with no role', () => {
    const bytes = new Uint8Array([
      0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 0x01, 0x00, 0x03, 0x00,
      0x03, 0x04, 0x00, 0x01, 0x00, 0x00, 0x00,
      0x00, 0x04, 0x00, 0x0d, 0x0a, 0x0d, 0x0a,
    ]);
    expect(readKdbxPublicHeader(bytes)).toEqual({ kdbx: true, version: { major: 3, minor: 1 }, kdf: null, role: null, generation: null, publicStrings: {}, headerComplete: true });
  });

  it('says kdbx: false for anything else, including a KeePass 1 file', () => {
    expect(readKdbxPublicHeader(new TextEncoder().encode('Account #,Account Name\n'))).toEqual({ kdbx: false });
    expect(readKdbxPublicHeader(new Uint8Array([0x03, 0xd9, 0xa2, 0x9a, 0x65, 0xfb, 0x4b, 0xb5, 0, 0, 0, 0]))).toEqual({ kdbx: false });
    expect(readKdbxPublicHeader(new Uint8Array([]))).toEqual({ kdbx: false });
    expect(isKdbxSignature(new Uint8Array([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5]))).toBe(true);
  });

  it('tells every KeePass format by its signature: KDBX, KeePass 1.x and the KeePass 2 pre-release', () => {
    const signature = (last: number) => new Uint8Array([0x03, 0xd9, 0xa2, 0x9a, last, 0xfb, 0x4b, 0xb5]);
    expect(keePassFormatOf(signature(0x67))).toBe('kdbx');
    expect(keePassFormatOf(signature(0x65))).toBe('kdb');
    expect(keePassFormatOf(signature(0x66))).toBe('kdbx-prerelease');
    expect(keePassFormatOf(signature(0x68))).toBeNull();
    expect(keePassFormatOf(signature(0x67).subarray(0, 7))).toBeNull();
  });
});

/** Offset of a KDBX4 header field by id, walking the fields from byte 12. */
function indexOfField(bytes: Uint8Array, id: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  while (offset < bytes.length) {
    if (view.getUint8(offset) === id) return offset;
    offset += 5 + view.getUint32(offset + 1, true);
  }
  throw new Error(`field ${id} not found`);
}
