import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Saves a report that holds no secret (reconciliation, verification) where the custodian asked, creating its
 * folder. Documents with secrets never come here: they go to a stick of their role or to the printer.
 */
export async function saveReportFile(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}
