import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printHandlers } from '../../src-main/app/handlers/print-handlers';
import { ErrorCode, StrongroomError } from '../../src-main/core/errors';
import { sha256Hex } from '../../src-main/platform/atomic-file-writer';
import { custodyKiosk, enrolAndWrite, SECOND_CUSTODIAN, SEED_PASSPHRASE } from '../support/custody-fixture';

async function refusal(work: Promise<unknown>): Promise<StrongroomError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof StrongroomError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('saving a document as a PDF on the kiosk, without a printer', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('keeps the medium labels in the reports folder, byte for byte, and records where they went', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    const handlers = printHandlers(k.app);
    const labels = await handlers.prepareMediumLabels({ paper: 'A4' });
    const saved = await handlers.saveDocumentToKiosk({ documentId: labels.documentId });

    expect(saved.mediumId).toBeNull();
    expect(saved.path.startsWith(join(k.app.home, 'reports'))).toBe(true);
    const bytes = readFileSync(saved.path);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256Hex(bytes)).toBe(saved.sha256);
    const written = [...k.app.catalog.audit.all()].filter((e) => e.action === 'print.written-to-file');
    expect(written).toHaveLength(1);
    expect(written[0]!.details).toMatchObject({ document: labels.documentId, file: saved.path });
    // The labels stay held: they can still be printed or saved again until discarded.
    expect(k.app.print.held().map((d) => d.documentId)).toContain(labels.documentId);
  });

  it('refuses the paper seed backup before writing anything on the kiosk disk', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const handlers = printHandlers(k.app);
    const backup = await handlers.prepareSeedBackup({ devicePath: k.sticks.seed1, passphrase: SEED_PASSPHRASE, secondCustodian: SECOND_CUSTODIAN, paper: 'A4' });
    const error = await refusal(Promise.resolve().then(() => handlers.saveDocumentToKiosk({ documentId: backup.documentId })));

    expect(error.code).toBe(ErrorCode.SeedDocumentOffMedium);
    const reports = join(k.app.home, 'reports');
    expect(existsSync(reports) ? readdirSync(reports) : []).toEqual([]);
    expect([...k.app.catalog.audit.all()].filter((e) => e.action === 'print.save-refused')).toHaveLength(1);
  });
});
