import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveKeptReport, saveReportCopy, type ReportWords } from '../../src-main/app/kept-report';
import { ErrorCode } from '../../src-main/core/errors';
import { nodeWriterFs, type WriterFs } from '../../src-main/platform/atomic-file-writer';

const PLAIN_WORDS: ReportWords = { report: 'The test report', recorded: 'The run is recorded.', again: 'run it again' };
const WORDS: ReportWords = { ...PLAIN_WORDS, keptUse: 'print it from the Verify screen' };
const PDF = new Uint8Array(Array.from({ length: 200_000 }, (_, i) => i % 251));

/** The kiosk's disk filling up part-way: the first chunk reaches the file, the next one does not. */
function diskFullAfterFirstChunk(): WriterFs {
  return {
    ...nodeWriterFs,
    open: async (path, flags) => {
      const handle = await nodeWriterFs.open(path, flags);
      let chunks = 0;
      return {
        write: async (buffer, offset, length, position) => {
          chunks += 1;
          if (chunks > 1) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          return handle.write(buffer, offset, length, position);
        },
        sync: () => handle.sync(),
        stat: () => handle.stat(),
        close: () => handle.close(),
      };
    },
  };
}

describe('a report saved on the kiosk', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'strongroom-kept-report-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is saved whole into a folder made for it', async () => {
    const kept = join(folder, 'reports', 'run-1.pdf');
    await saveKeptReport(kept, PDF, WORDS);
    expect(new Uint8Array(readFileSync(kept))).toEqual(PDF);
    expect(readdirSync(join(folder, 'reports'))).toEqual(['run-1.pdf']);
  });

  it('cut off by a full disk, leaves no half report under its name and says what to do', async () => {
    const kept = join(folder, 'run-1.pdf');
    const saving = saveKeptReport(kept, PDF, WORDS, diskFullAfterFirstChunk());
    await expect(saving).rejects.toMatchObject({
      code: ErrorCode.FileNotSaved,
      message: `The test report could not be saved to ${kept} (ENOSPC). The run is recorded. Check that the kiosk's disk has space and that its reports folder is writable, then run it again.`,
    });
    expect(existsSync(kept)).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('as a copy that cannot be written, keeps an earlier file at that path whole and names the kept report', async () => {
    const kept = join(folder, 'reports', 'run-2.pdf');
    await saveKeptReport(kept, PDF, WORDS);
    const copy = join(folder, 'asked', 'copy.pdf');
    await saveReportCopy(copy, new Uint8Array([1, 2, 3]), kept, WORDS);

    const saving = saveReportCopy(copy, PDF, kept, WORDS, diskFullAfterFirstChunk());
    await expect(saving).rejects.toMatchObject({
      code: ErrorCode.FileNotSaved,
      message: `The test report could not be saved to ${copy} (ENOSPC). The run is recorded. The report is kept at ${kept}; print it from the Verify screen, or give a path you may write to for the copy.`,
    });
    expect(new Uint8Array(readFileSync(copy))).toEqual(new Uint8Array([1, 2, 3]));
    expect(readdirSync(join(folder, 'asked'))).toEqual(['copy.pdf']);
    expect(new Uint8Array(readFileSync(kept))).toEqual(PDF);
  });

  it('as a copy under a file rather than a folder, says why and where the kept report is', async () => {
    const kept = join(folder, 'run-3.pdf');
    await saveKeptReport(kept, PDF, PLAIN_WORDS);
    writeFileSync(join(folder, 'a-file'), 'not a folder');
    const copy = join(folder, 'a-file', 'copy.pdf');
    await expect(saveReportCopy(copy, PDF, kept, PLAIN_WORDS)).rejects.toMatchObject({
      code: ErrorCode.FileNotSaved,
      message: expect.stringMatching(new RegExp(`\\((ENOTDIR|EEXIST)\\)\\. The run is recorded\\. The report is kept at ${kept.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; give a path you may write to for the copy\\.$`)),
    });
  });
});
