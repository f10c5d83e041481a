import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { documentNotSaved, writeKioskFile } from '../../src-main/platform/kiosk-files';

const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-files-'));
  folders.push(dir);
  return dir;
};
afterEach(() => folders.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('a document saved on the kiosk', () => {
  it('replaces an earlier file under its name whole, and leaves no temporary file beside it', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'labels.pdf'), 'the earlier labels');
    await writeKioskFile(join(dir, 'labels.pdf'), Buffer.from('%PDF-1.7 new labels'));
    expect(readFileSync(join(dir, 'labels.pdf'), 'utf8')).toBe('%PDF-1.7 new labels');
    expect(readdirSync(dir)).toEqual(['labels.pdf']);
  });

  it('that cannot be written says where and why in words for the kiosk, and writes nothing', async () => {
    const dir = folder();
    const path = join(dir, 'gone', 'labels.pdf');
    await expect(writeKioskFile(path, Buffer.from('%PDF'), documentNotSaved('The stick labels'))).rejects.toMatchObject({
      code: 'FILE_NOT_SAVED',
      message: expect.stringMatching(new RegExp(`^The stick labels could not be saved to ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(ENOENT\\); nothing was written under that name\\.`)),
    });
    expect(readdirSync(dir)).toEqual([]);
  });
});
