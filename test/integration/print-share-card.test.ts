import { spawnSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { combineShares, decodeScannedShare, drawMasterKey, masterKeyPassphrase, splitMasterKey } from '../../src-main/core/master-key-shares';
import { nodeCryptoRandom } from '../../src-main/platform/crypto-random';
import { buildShareCard } from '../../src-main/print/share-card';

/**
 * Share cards read back by independent tools, the way a scanner at the kiosk would: poppler renders the page
 * and zbar decodes its QR code. Everything goes through pipes: a share never lands in a file, here or in the
 * code under test.
 */

const have = (command: string, flag: string) => spawnSync(command, [flag], { encoding: 'utf8' }).error === undefined;
const tools = have('pdftoppm', '-v') && have('pdftotext', '-v') && have('zbarimg', '--version');
if (!tools) console.warn('share card read-back skipped: poppler-utils or zbar-tools is not installed');

function pipe(command: string, args: string[], input: Buffer): Buffer {
  const result = spawnSync(command, args, { input, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  expect(result.status, `${command}: ${result.stderr?.toString()}`).toBe(0);
  return result.stdout;
}

/**
 * Files under the temp folder written since `sinceMs`, to prove no run left a share behind. Other file systems
 * mounted below it (other tests' sticks) are not entered: nothing here writes there, and a stick being torn down
 * must not stall the scan.
 */
function tempFilesWrittenSince(sinceMs: number): string[] {
  const root = tmpdir();
  const device = statSync(root).dev;
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      try {
        const info = lstatSync(path);
        if (info.dev !== device) continue;
        if (info.isDirectory() && depth < 6) walk(path, depth + 1);
        else if (info.isFile() && info.mtimeMs >= sinceMs && info.size < 64 * 1024 * 1024) found.push(path);
      } catch {
        // A file another test removed meanwhile.
      }
    }
  };
  walk(root, 0);
  return found;
}

describe.skipIf(!tools)('share cards on paper', () => {
  it('zbarimg reads each card’s QR code back to its share, and two scanned cards open what three were split from', async () => {
    const startedAt = Date.now() - 1000;
    const key = drawMasterKey(nodeCryptoRandom);
    const cards = await splitMasterKey(key, { role: 'vault', generation: 2, threshold: 2, shares: 3 }, nodeCryptoRandom);
    const holders = ['Dana Whitfield', 'Sam Okafor', 'Priya Raman'];
    const scanned: string[] = [];
    const texts: string[] = [];
    for (const [index, share] of cards.entries()) {
      const card = await buildShareCard({ paper: 'A4', holder: holders[index]!, share, printedBy: 'Dana Whitfield', printedAt: '2026-03-02T09:00:00.000Z' });
      expect(card.pageCount).toBe(1);
      const png = pipe('pdftoppm', ['-png', '-r', '150', '-singlefile', 'fd://0'], card.pdf);
      const decoded = pipe('zbarimg', ['--raw', '-q', 'png:-'], png).toString('utf8').trim();
      scanned.push(decoded);
      texts.push(pipe('pdftotext', ['-layout', 'fd://0', '-'], card.pdf).toString('utf8'));
    }
    expect(scanned).toEqual(cards.map((c) => c.qrText));
    expect(texts[1]).toContain('Sam Okafor');
    expect(texts[1]).toMatch(/Share 2 of 3 of the vault master key\. Any 2 of the 3 holders/);
    const flowing = texts[1]!.replace(/\s+/g, ' ');
    for (const line of cards[1]!.lines) expect(flowing).toContain(`${line.groups.join(' ')} check ${line.check}`);
    expect(await combineShares([decodeScannedShare(scanned[2]!), decodeScannedShare(scanned[0]!)])).toEqual(key);
    await expect(combineShares([decodeScannedShare(scanned[1]!)])).rejects.toThrow(/2 of the 3 cards are needed/);

    // Nothing new or changed in the temp folder holds a share, the key or the passphrase made from it.
    const needles = [...cards.flatMap((c) => [c.text, c.lines[0]!.groups.join(' ')]), masterKeyPassphrase(key)];
    for (const path of tempFilesWrittenSince(startedAt)) {
      let content: string;
      try {
        content = readFileSync(path, 'latin1');
      } catch {
        continue;
      }
      for (const needle of needles) expect(content.includes(needle), `a share in ${path}`).toBe(false);
      expect(Buffer.from(content, 'latin1').includes(Buffer.from(key))).toBe(false);
    }
  });
});
