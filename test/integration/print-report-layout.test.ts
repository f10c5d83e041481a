import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { VerificationReportInput, VerifiedMedium } from '../../src-main/print/document-inputs';
import { buildVerificationReport } from '../../src-main/print/verification-report';
import { verificationInput } from '../bench/print-fixtures';

const havePdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const workDir = mkdtempSync(join(tmpdir(), 'strongroom-report-layout-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** One page's text, read on its own with `pdftotext -f N -l N`, as a reader turning the pages would see it. */
function pageText(pdf: Buffer, name: string, page: number): string {
  const path = join(workDir, name);
  writeFileSync(path, pdf);
  const run = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
  return run.stdout;
}

/** Every page read on its own and joined, white space folded, for sentences that may wrap across lines. */
function documentText(report: { pdf: Buffer; pageCount: number }, name: string): string {
  return Array.from({ length: report.pageCount }, (_, i) => pageText(report.pdf, name, i + 1)).join('\n').replace(/\s+/g, ' ');
}

const CHECK_NAMES = ['Device identity', 'Content unchanged', 'Opens with the passphrase', 'Newest generation', 'Account set', 'Seeds usable and consistent', 'Kept history', 'Audit copy'];

/** A failed seed stick with long findings, so its table is tall and starts wherever the media before it end. */
function failedSeedStick(id: string): VerifiedMedium {
  return {
    mediumId: id,
    role: 'seed',
    location: 'offsite — Bank deposit box 7731',
    outcome: 'failed',
    checks: CHECK_NAMES.map((name, i) => ({
      name,
      passed: i !== 1,
      status: i === 1 ? 'failed' : 'passed',
      sentence: `${name} on ${id}: ${'what was found, described at the length a real finding takes to read. '.repeat(i === 1 ? 4 : 2)}`,
    })),
  };
}

function reportWith(media: readonly VerifiedMedium[]): VerificationReportInput {
  return { ...verificationInput(), media, physicalChecklist: [] };
}

describe.skipIf(!havePdftotext)('the verification report on paper', () => {
  it('never leaves a medium heading alone at the foot of a page, wherever the page break falls', async () => {
    let breaksSeen = 0;
    // Adding one passing medium at a time moves every later heading down the page, through each position of a break.
    for (let before = 1; before <= 7; before += 1) {
      const passing = Array.from({ length: before }, (_, i): VerifiedMedium => ({
        mediumId: `VAULT-${String(i + 1).padStart(2, '0')}`,
        role: 'vault',
        location: 'onsite — Safe A',
        outcome: 'passed',
        checks: [{ name: 'Content unchanged', passed: true, status: 'passed', sentence: 'Every byte read; it matches generation 3.' }],
      }));
      const media = [...passing, failedSeedStick('SEEDS-02'), failedSeedStick('SEEDS-03')];
      const report = await buildVerificationReport(reportWith(media));
      for (let page = 1; page <= report.pageCount; page += 1) {
        const text = pageText(report.pdf, `layout-${before}.pdf`, page);
        for (const id of ['SEEDS-02', 'SEEDS-03']) {
          if (!text.includes(`${id} — Seeds — failed`)) continue;
          // The heading's own table starts on the same page: its first check and what was found.
          expect(text, `${id} heading on page ${page} with ${before} media before it`).toContain(`Device identity on ${id}`);
        }
        if (page > 1) breaksSeen += 1;
      }
    }
    // The layouts tried really did break pages, so the check above ran across page feet.
    expect(breaksSeen).toBeGreaterThan(3);
  });

  it('asks to answer a check nobody answered, and keeps the rewrite advice for a damaged file', async () => {
    const unanswered: VerifiedMedium = {
      mediumId: 'SEEDS-02',
      role: 'seed',
      location: 'Safe A',
      outcome: 'incomplete',
      checks: [
        { name: 'Content unchanged', passed: true, status: 'passed', sentence: 'Every byte read.' },
        { name: 'Bag intact', passed: false, status: 'not-checked', sentence: 'Not checked: nobody said whether the bag is intact.' },
      ],
    };
    const onlyUnanswered = await buildVerificationReport(reportWith([unanswered]));
    const text = documentText(onlyUnanswered, 'unanswered.pdf');
    expect(text).toMatch(/answer the check not done \(Bag intact\)/i);
    expect(text).not.toMatch(/rewrite|replica/i);

    // A record from before checks had a status: the unanswered box was stored as a failure, its sentence says not checked.
    const legacy: VerifiedMedium = { ...unanswered, outcome: 'failed', checks: [{ name: 'Bag intact', passed: false, sentence: 'Not checked: nobody said whether the bag is intact.' }] };
    const legacyReport = await buildVerificationReport(reportWith([legacy]));
    const legacyText = documentText(legacyReport, 'legacy.pdf');
    expect(legacyText).toMatch(/answer the check not done \(Bag intact\)/i);
    expect(legacyText).not.toMatch(/rewrite|replica/i);

    const damaged = await buildVerificationReport(reportWith([failedSeedStick('SEEDS-04')]));
    const damagedText = documentText(damaged, 'damaged.pdf');
    expect(damagedText).toMatch(/rewrite it from a good replica or replace the stick/i);
    expect(damagedText).toContain('(Content unchanged)');
  });

  it('sends a failed seal or bag to the security lead, and a wrong passphrase back to verify, never to a rewrite', async () => {
    const medium: VerifiedMedium = {
      mediumId: 'VAULT-03',
      role: 'vault',
      location: 'Safe A',
      outcome: 'failed',
      checks: [
        { name: 'Opens with the passphrase', passed: false, status: 'failed', sentence: 'The passphrase given does not open vault.kdbx (wrong passphrase; this is not a sign of damage).' },
        { name: 'Account set', passed: false, status: 'failed', sentence: 'Not checked: the file did not open.' },
        { name: 'Bag intact', passed: false, status: 'failed', sentence: 'The bag is NOT intact: someone may have had the stick.' },
      ],
    };
    const report = await buildVerificationReport(reportWith([medium]));
    const text = documentText(report, 'custody.pdf');
    expect(text).toMatch(/a physical check failed \(Bag intact\): keep the stick as evidence and call your security lead/i);
    expect(text).toMatch(/verify it again with the right passphrase/i);
    expect(text).not.toMatch(/rewrite it from a good replica/i);
  });
});
