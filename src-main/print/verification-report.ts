import { PHYSICAL_CHECKS } from '../core/verification-check-names';
import { auditHeadWords } from './audit-head';
import type { PrintOptions, PrintedDocument, VerificationReportInput, VerifiedMedium, VerifiedTokens } from './document-inputs';
import { verificationReportFingerprint } from './fingerprints';
import { factTable, heading, headedTable, paragraph, signatureLines } from './flow';
import type { Column } from './flow';
import { FONT, loadPrintFonts } from './fonts';
import { FramedDocument, INK } from './page-frame';
import { formatUtcDate, formatUtcDateTime, groupHex, instant, invalidInput, limitedText, printable, requireText } from './typeset';

/**
 * The quarterly verification report: what was checked on every medium, by whom and when, and when the next
 * check is due. Its fingerprint (SHA-256 over the canonical JSON of the content) is on every page and in the
 * audit log, so a filed paper copy can be matched to the record and a changed page stands out.
 */

export interface VerificationReportDocument extends PrintedDocument {
  /** 64 hex characters, as printed; the app records it with the verification run. */
  readonly fingerprint: string;
}

const ROLE_NAME = { vault: 'Vault', seed: 'Seeds' } as const;

export async function buildVerificationReport(
  input: VerificationReportInput,
  options: PrintOptions = {},
): Promise<VerificationReportDocument> {
  const runId = requireText(input.runId, 'verification run id');
  const custodian = requireText(input.custodian, 'custodian who verified');
  const started = formatUtcDateTime(input.startedAt, 'start time');
  const finished = formatUtcDateTime(input.finishedAt, 'finish time');
  const nextDue = formatUtcDate(input.nextDueAt, 'next due date');
  const auditHead = auditHeadWords(input.auditHead);
  const organisation = input.organisation === undefined ? undefined : limitedText(input.organisation, 'organisation name', 120);
  const tokensChecked = input.tokens !== undefined && input.tokens.outcome !== 'not-checked';
  if (input.media.length === 0 && !tokensChecked) {
    throw invalidInput('The verification covered no medium and no token, so there is nothing to report. Run the verification again.');
  }
  const fingerprint = verificationReportFingerprint(input);
  const fonts = options.fonts ?? (await loadPrintFonts());

  const out = new FramedDocument(input.paper, fonts, {
    title: `Verification report ${runId}`,
    subject: 'Quarterly verification of Strongroom media',
    author: custodian,
    createdAt: instant(input.finishedAt, 'finish time'),
    practice: options.practice === true,
  });

  const failed = input.media.filter((m) => m.outcome !== 'passed');
  const checklistOpen = (input.physicalChecklist ?? []).filter((p) => p.confirmed !== true);
  drawVerdict(out, input.media.length, failed, input.tokens);

  factTable(out, [
    ...(organisation ? [{ label: 'Organisation', value: organisation }] : []),
    { label: 'Run', value: runId, mono: true },
    { label: 'Verified by', value: custodian },
    { label: 'Started', value: started },
    { label: 'Finished', value: finished },
    { label: 'Next verification due', value: nextDue },
    { label: 'Audit trail head', value: auditHead, mono: true },
  ]);

  if (input.media.length > 0) {
    headedTable(
      out,
      'Media',
      [
        { title: 'Medium', share: 1.1, mono: true, bold: true },
        { title: 'Role', share: 0.7 },
        { title: 'Location', share: 2.6 },
        { title: 'Outcome', share: 0.9, bold: true },
      ],
      input.media.map((m) => [
        requireText(m.mediumId, 'medium id'),
        ROLE_NAME[m.role],
        printable(m.location) || '—',
        OUTCOME_WORDS[m.outcome],
      ]),
    );
  }

  if (input.tokens) drawTokens(out, input.tokens);
  for (const medium of input.media) drawMedium(out, medium);

  if (input.physicalChecklist && input.physicalChecklist.length > 0) {
    const columns: Column[] = [
      { title: 'Physical check', share: 3 },
      { title: 'Result', share: 1, bold: true },
      { title: 'Note', share: 2 },
    ];
    const rows = input.physicalChecklist.map((p) => [
      requireText(p.item, 'physical check'),
      p.confirmed === true ? 'Confirmed' : p.confirmed === false ? 'NOT confirmed' : '[   ] tick by hand',
      p.note ? printable(p.note) : '',
    ]);
    headedTable(out, 'Physical checks', columns, rows);
    if (checklistOpen.length > 0) {
      paragraph(
        out,
        `${checklistOpen.length} physical check${checklistOpen.length === 1 ? ' is' : 's are'} not confirmed. ` +
          'Tick each by hand once done, or record why not, before the report is signed.',
        { muted: true },
      );
    }
  }

  heading(out, 'Signatures', { keepWith: 70 });
  paragraph(
    out,
    'By signing, the custodian and the witness confirm that the media listed were checked as reported and returned to their locations.',
  );
  signatureLines(out, ['Custodian', 'Witness']);

  const printed = await out.finish({
    banner: 'VERIFICATION REPORT — media custody — no secrets',
    tone: 'plain',
    title: 'Quarterly verification report',
    facts: [`Run ${runId}  ·  ${formatUtcDate(input.finishedAt, 'finish time')}  ·  by ${custodian}`, `Next due ${nextDue}`],
    footer: [
      `Strongroom  ·  ${organisation ? `${organisation}  ·  ` : ''}report fingerprint (SHA-256 of its content):`,
      groupHex(fingerprint),
    ],
  });
  return { ...printed, fingerprint };
}

const OUTCOME_WORDS: Readonly<Record<VerifiedMedium['outcome'], string>> = { passed: 'Passed', failed: 'FAILED', incomplete: 'INCOMPLETE' };

function drawVerdict(out: FramedDocument, total: number, failed: readonly VerifiedMedium[], tokens: VerifiedTokens | undefined): void {
  const { doc, body } = out;
  const tokensFailed = tokens?.outcome === 'failed';
  const allPassed = failed.length === 0 && !tokensFailed;
  const failedOnly = failed.filter((m) => m.outcome === 'failed');
  const incomplete = failed.filter((m) => m.outcome === 'incomplete');
  const mediaTitle =
    failedOnly.length > 0 ? `${failedOnly.length} of ${total} media FAILED` : incomplete.length > 0 ? `${incomplete.length} of ${total} media NOT FULLY CHECKED` : total > 0 ? `All ${total} media passed` : '';
  const tokenTitle = tokensFailed ? 'tokens FAILED' : tokens?.outcome === 'passed' ? `${total > 0 ? 'all' : 'All'} tokens as recorded` : '';
  const title = [mediaTitle, tokenTitle].filter(Boolean).join('; ');
  const detail = allPassed
    ? `Every check${total > 0 ? ' on every medium' : ''} passed${tokens?.outcome === 'passed' ? ', and every token of the safe was presented as recorded' : ''}. File this report with the custody records.`
    : [
        ...failed.map((m) => `${printable(m.mediumId)}: ${mediumAdvice(m)}`),
        tokensFailed ? 'A token is missing, unknown or does not match its record (see Tokens): the accounts it protects are named there.' : '',
      ].filter(Boolean).join(' ');
  doc.font(FONT.sans).fontSize(9.5);
  const detailHeight = doc.heightOfString(detail, { width: body.width - 28 });
  const boxHeight = 18 + 20 + detailHeight + 12;
  out.ensureSpace(boxHeight + 10);
  doc.rect(body.x, out.y, body.width, boxHeight).lineWidth(allPassed ? 0.8 : 2.2).strokeColor(INK.text).stroke();
  doc
    .font(FONT.sansBold)
    .fontSize(16)
    .fillColor(INK.text)
    .text(title, body.x + 14, out.y + 13, { width: body.width - 28, lineBreak: false });
  doc
    .font(FONT.sans)
    .fontSize(9.5)
    .fillColor(INK.text)
    .text(detail, body.x + 14, out.y + 38, { width: body.width - 28 });
  out.y += boxHeight + 12;
}

const TOKEN_OUTCOME_WORDS: Readonly<Record<VerifiedTokens['outcome'], string>> = { passed: 'as recorded', failed: 'FAILED', 'not-checked': 'not checked' };

function drawTokens(out: FramedDocument, tokens: VerifiedTokens): void {
  const title = `Tokens in the safe — ${TOKEN_OUTCOME_WORDS[tokens.outcome]}`;
  if (tokens.outcome === 'not-checked') {
    heading(out, title, { keepWith: 40 });
    paragraph(
      out,
      tokens.expected === 0
        ? 'No hardware token is recorded in the safe.'
        : `The ${tokens.expected} token${tokens.expected === 1 ? '' : 's'} recorded in the safe ${tokens.expected === 1 ? 'was' : 'were'} not presented in this run. Verify them in a run of their own before the next due date.`,
      { muted: true },
    );
    return;
  }
  const columns: Column[] = [
    { title: 'Token', share: 2, bold: true },
    { title: 'Result', share: 0.9, bold: true },
    { title: 'What was found', share: 3.7 },
  ];
  const rows = tokens.rows.length > 0 ? tokens.rows.map((r) => [printable(r.token), printable(r.result), printable(r.sentence)]) : [['—', '—', 'No token is recorded in the safe, and none was presented.']];
  headedTable(out, `${title} (${tokens.presented} of ${tokens.expected} presented)`, columns, rows);
}

function drawMedium(out: FramedDocument, medium: VerifiedMedium): void {
  const mediumId = requireText(medium.mediumId, 'medium id');
  const columns: Column[] = [
    { title: 'Check', share: 1.6, bold: true },
    { title: 'Result', share: 0.6, bold: true },
    { title: 'What was found', share: 4 },
  ];
  const rows =
    medium.checks.length > 0
      ? medium.checks.map((c) => [requireText(c.name, 'check name'), c.status === 'not-checked' ? 'Not checked' : c.passed ? 'Passed' : 'FAILED', printable(c.sentence)])
      : [['—', '—', 'No check was recorded for this medium.']];
  // After the checks: the stick was checked, but it does not hold the trail's record of that check.
  for (const warning of medium.witnessWarnings ?? []) rows.push(['Audit copy written', 'FAILED', printable(warning)]);
  const advice = mediumAdvice(medium);
  headedTable(out, `${mediumId} — ${ROLE_NAME[medium.role]} — ${OUTCOME_WORDS[medium.outcome].toLowerCase()}`, columns, rows, advice ? { text: `What to do: ${advice}`, bold: 'What to do:' } : undefined);
}

/**
 * Checks made by hand at the safe. A failed one means the stick's custody is in doubt, not that its file is
 * damaged, so it never gets the rewrite advice. The names are the ones the verification desk records.
 */
type Finding = 'not-done' | 'custody' | 'wrong-passphrase' | 'artefact';

/** What a check that did not pass means: a check nobody did, a custody doubt, a mistyped passphrase, or damage. */
function findingOf(check: VerifiedMedium['checks'][number]): Finding | null {
  if (check.status === 'passed' || (check.status === undefined && check.passed)) return null;
  if (check.status === 'not-checked') return 'not-done';
  const physical = PHYSICAL_CHECKS.has(check.name);
  if (/^not checked\b/i.test(check.sentence)) {
    // Records made before checks had a status stored an unanswered physical check as failed; their sentence says
    // so. Any other "Not checked" could not run because an earlier check failed, and adds no finding of its own.
    return physical ? 'not-done' : null;
  }
  if (physical) return 'custody';
  if (/wrong passphrase/i.test(check.sentence)) return 'wrong-passphrase';
  return 'artefact';
}

/** The advice for one medium that did not pass, matched to what was actually found. */
function mediumAdvice(medium: VerifiedMedium): string | null {
  const findings = new Set(medium.checks.map(findingOf).filter((f): f is Finding => f !== null));
  const named = (finding: Finding) => medium.checks.filter((c) => findingOf(c) === finding).map((c) => printable(c.name)).join(', ');
  const advice: string[] = [];
  if (findings.has('artefact')) advice.push(`its file is damaged or out of date (${named('artefact')}): rewrite it from a good replica or replace the stick, and verify it again before the next due date.`);
  if (findings.has('custody')) advice.push(`a physical check failed (${named('custody')}): keep the stick as evidence and call your security lead.`);
  if (findings.has('wrong-passphrase')) advice.push('the passphrase given did not open it, which is no sign of damage: verify it again with the right passphrase.');
  if (findings.has('not-done')) advice.push(`answer the check${named('not-done').includes(',') ? 's' : ''} not done (${named('not-done')}) and verify it again.`);
  if (advice.length === 0) return medium.outcome === 'passed' ? null : 'verify it again: no check result explains the outcome.';
  return capitalFirst(advice.join(' Also, '));
}

function capitalFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
