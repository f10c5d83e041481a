import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json';
import { formatUtc } from '../core/cloudtrail-reconciliation';
import type { ReconciliationResult } from '../core/cloudtrail-reconciliation';
import type { PaperSize, PrintOptions, PrintedDocument } from './document-inputs';
import { factTable, heading, paragraph, signatureLines, table, tableHeight } from './flow';
import type { Column } from './flow';
import { FONT, loadPrintFonts } from './fonts';
import { FramedDocument, INK } from './page-frame';
import { formatUtcDate, formatUtcDateTime, groupHex, instant, printable, requireText } from './typeset';

/**
 * The CloudTrail reconciliation report: what AWS recorded of every root user against what the audit trail says
 * custodians did. Like the verification report it carries a fingerprint of its content on every page, and it
 * prints the audit chain head it was checked against, so a filed copy pins the audit trail as it stood: an
 * audit event added or removed later shows as a different head.
 */

export interface CloudTrailReportInput {
  readonly paper: PaperSize;
  readonly custodian: string;
  /** ISO 8601. */
  readonly reconciledAt: string;
  readonly result: ReconciliationResult;
  readonly files: readonly { readonly path: string; readonly sha256: string; readonly records: number }[];
  readonly problems: { readonly count: number; readonly listed: readonly string[] };
  readonly auditHead: { readonly seq: number; readonly hash: string } | null;
  readonly auditChainIntact: boolean;
  readonly accountNames: Readonly<Record<string, string>>;
}

export interface CloudTrailReportDocument extends PrintedDocument {
  readonly fingerprint: string;
}

/** Rows printed per table; the rest are counted, so a flood of events cannot make a report of thousands of pages. */
const MAX_ROWS = 400;

export function cloudTrailReportFingerprint(input: CloudTrailReportInput): string {
  const { result } = input;
  return createHash('sha256')
    .update('strongroom cloudtrail reconciliation v1\n')
    .update(
      canonicalJson({
        custodian: input.custodian,
        reconciledAt: input.reconciledAt,
        files: input.files.map((f) => [f.path, f.sha256, f.records]),
        auditHead: input.auditHead ? [input.auditHead.seq, input.auditHead.hash] : null,
        options: { ...result.options },
        findings: result.findings.map((f) => [f.kind, f.accountId, f.at, f.sourceIp, f.mfaUsed]),
        signIns: result.signIns.map((s) => [s.activity.accountId, s.activity.at, s.status]),
        problems: input.problems.count,
      }),
    )
    .digest('hex')
    .toUpperCase();
}

export async function buildCloudTrailReport(input: CloudTrailReportInput, options: PrintOptions = {}): Promise<CloudTrailReportDocument> {
  const custodian = requireText(input.custodian, 'custodian who reconciled');
  const when = formatUtcDateTime(input.reconciledAt, 'reconciliation time');
  const fingerprint = cloudTrailReportFingerprint(input);
  const fonts = options.fonts ?? (await loadPrintFonts());
  const { result } = input;
  const name = (accountId: string) => (input.accountNames[accountId] ? `${accountId} ${printable(input.accountNames[accountId])}` : accountId);
  const head = input.auditHead ? `event ${input.auditHead.seq} · ${input.auditHead.hash.slice(0, 16).toUpperCase()}` : 'empty';

  const out = new FramedDocument(input.paper, fonts, {
    title: 'CloudTrail reconciliation report',
    subject: 'Root user activity in CloudTrail against the Strongroom audit trail',
    author: custodian,
    createdAt: instant(input.reconciledAt, 'reconciliation time'),
    practice: options.practice === true,
  });

  drawVerdict(out, result.findings.length, input.auditChainIntact);

  factTable(out, [
    { label: 'Reconciled by', value: `${custodian}, ${when}` },
    { label: 'Logs cover', value: result.range ? `${formatUtc(result.range.from)} to ${formatUtc(result.range.to)}` : 'no readable record' },
    { label: 'Files read', value: `${input.files.length} (${input.files.reduce((n, f) => n + f.records, 0)} records)` },
    { label: 'Records skipped', value: input.problems.count === 0 ? 'none' : `${input.problems.count} (listed below)` },
    { label: 'Sign-in window', value: `${result.options.windowHours} h after a break-glass; clock tolerance ${result.options.skewMinutes} min; gaps over ${result.options.gapHours} h called out` },
    { label: 'Audit chain head', value: `${head}${input.auditChainIntact ? '' : ' — CHAIN BROKEN'}`, mono: true },
  ]);

  const findingRows = result.findings.map((f) => [formatUtc(f.at), name(f.accountId), f.sourceIp ?? '—', f.mfaUsed === true ? 'yes' : f.mfaUsed === false ? 'NO' : '—', printable(f.sentence)]);
  section(
    out,
    'Unexplained root activity',
    [
      { title: 'Time', share: 1.3, mono: true },
      { title: 'Account', share: 1.3, mono: true },
      { title: 'Source IP', share: 1.1, mono: true },
      { title: 'MFA', share: 0.5, bold: true },
      { title: 'What', share: 3.6 },
    ],
    findingRows,
    'Nothing unexplained: every root sign-in follows a break-glass, enrolment or rotation, and every credential change was recorded.',
  );

  section(
    out,
    'Root sign-ins',
    [
      { title: 'Time', share: 1.3, mono: true },
      { title: 'Account', share: 1.3, mono: true },
      { title: 'Source IP', share: 1.1, mono: true },
      { title: 'MFA', share: 0.5, bold: true },
      { title: 'Explained by', share: 3.6 },
    ],
    [...result.signIns, ...result.failedSignIns]
      .sort((a, b) => a.activity.at.localeCompare(b.activity.at))
      .map((s) => [
        formatUtc(s.activity.at),
        name(s.activity.accountId),
        s.activity.sourceIp ?? '—',
        s.activity.mfaUsed === true ? 'yes' : s.activity.mfaUsed === false ? 'NO' : '—',
        `${s.activity.succeeded ? '' : 'FAILED attempt. '}${
          s.status === 'unexplained'
            ? 'Nothing recorded.'
            : `${s.status === 'second-sign-in' ? 'SECOND sign-in after ' : ''}${s.explanation!.procedure} (audit event ${s.explanation!.auditSeq}, ${formatUtc(s.explanation!.at)}) by ${printable(s.explanation!.who)}${s.explanation!.reason ? `: ${printable(s.explanation!.reason)}` : ''}`
        }`,
      ]),
    'No root sign-in is in these logs.',
  );

  section(
    out,
    'Password and MFA changes',
    [
      { title: 'Time', share: 1.3, mono: true },
      { title: 'Account', share: 1.3, mono: true },
      { title: 'Change', share: 1.6 },
      { title: 'Recorded as', share: 3.1 },
    ],
    result.changes.map((c) => [
      formatUtc(c.activity.at),
      name(c.activity.accountId),
      `${c.activity.eventName}${c.activity.succeeded ? '' : ' (refused)'}`,
      c.explanation ? `${c.explanation.procedure} (audit event ${c.explanation.auditSeq}) by ${printable(c.explanation.who)}` : 'NOT RECORDED',
    ]),
    'No root password, MFA device or access key changed in these logs.',
  );

  section(
    out,
    'Break-glasses',
    [
      { title: 'Time', share: 1.3, mono: true },
      { title: 'Account', share: 1.3, mono: true },
      { title: 'By', share: 1.6 },
      { title: 'In the logs', share: 3.1 },
    ],
    result.breakGlasses.map((b) => [
      formatUtc(b.at),
      name(b.accountId),
      printable(b.who),
      b.status === 'signed-in'
        ? 'Signed in within the window.'
        : b.status === 'no-sign-in'
          ? 'No sign-in followed: the password and code were seen but not used on AWS.'
          : 'The logs read do not cover this time: read the logs of that day to close it.',
    ]),
    'No break-glass is on the audit trail.',
  );

  if (result.assumeRootSessions.length > 0) {
    section(
      out,
      'Centralized root access (AssumeRoot)',
      [
        { title: 'Time', share: 1.3, mono: true },
        { title: 'Account', share: 1.3, mono: true },
        { title: 'Task policy', share: 1.8 },
        { title: 'Requested by', share: 2.9 },
      ],
      result.assumeRootSessions.map((s) => [
        formatUtc(s.activity.at),
        name(s.activity.accountId),
        `${(s.activity.taskPolicy ?? '—').split('/').pop()}${s.activity.succeeded ? '' : ' (refused)'}`,
        `${printable(s.activity.caller ?? '—')} from ${s.activity.sourceIp ?? '—'}; ${s.callCount} root call(s) in the session`,
      ]),
      '',
    );
  }

  heading(out, 'Accounts and time covered', { keepWith: 60 });
  table(
    out,
    [
      { title: 'Account', share: 1.6, mono: true },
      { title: 'From', share: 1.3, mono: true },
      { title: 'To', share: 1.3, mono: true },
      { title: 'Records', share: 0.7 },
      { title: 'Gaps', share: 2.6 },
    ],
    result.accounts.slice(0, MAX_ROWS).map((a) => [
      name(a.accountId),
      formatUtc(a.firstAt),
      formatUtc(a.lastAt),
      `${a.records}`,
      a.gaps.length === 0 ? 'none' : a.gaps.slice(0, 5).map((g) => `${formatUtc(g.from)} – ${formatUtc(g.to)} (${g.hours} h)`).join('; ') + (a.gaps.length > 5 ? `; and ${a.gaps.length - 5} more` : ''),
    ]),
  );
  if (result.accountsWithoutRecords.length > 0) {
    paragraph(
      out,
      `No record at all for ${result.accountsWithoutRecords.length} account(s) Strongroom keeps: ${result.accountsWithoutRecords.slice(0, 60).map(name).join(', ')}${result.accountsWithoutRecords.length > 60 ? ', …' : ''}. Their root users are not checked by this report.`,
      { muted: true },
    );
  }

  heading(out, 'Files read', { keepWith: 50 });
  table(
    out,
    [
      { title: 'File', share: 3.6 },
      { title: 'Records', share: 0.7 },
      { title: 'SHA-256', share: 2.3, mono: true },
    ],
    input.files.slice(0, MAX_ROWS).map((f) => [printable(f.path), `${f.records}`, f.sha256.slice(0, 32)]),
  );
  if (input.files.length > MAX_ROWS) paragraph(out, `And ${input.files.length - MAX_ROWS} more files; every digest is on the audit trail.`, { muted: true });
  if (input.problems.count > 0) {
    heading(out, 'Skipped records and files', { keepWith: 40 });
    for (const line of input.problems.listed.slice(0, 60)) paragraph(out, printable(line), { size: 8 });
    if (input.problems.count > Math.min(60, input.problems.listed.length)) paragraph(out, `And ${input.problems.count - Math.min(60, input.problems.listed.length)} more.`, { muted: true });
  }

  heading(out, 'Signatures', { keepWith: 70 });
  paragraph(out, 'By signing, the custodian and the witness confirm that every unexplained item above has been passed to the security lead.');
  signatureLines(out, ['Custodian', 'Witness']);

  const printed = await out.finish({
    banner: 'CLOUDTRAIL RECONCILIATION — root user activity — no secrets',
    tone: result.findings.length > 0 ? 'restricted' : 'plain',
    title: 'CloudTrail reconciliation report',
    facts: [`${formatUtcDate(input.reconciledAt, 'reconciliation time')}  ·  by ${custodian}`, `Audit head ${head}`],
    footer: ['Strongroom  ·  report fingerprint (SHA-256 of its content):', groupHex(fingerprint)],
  });
  return { ...printed, fingerprint };
}

function section(out: FramedDocument, title: string, columns: Column[], rows: string[][], none: string): void {
  if (rows.length === 0) {
    heading(out, title, { keepWith: 20 });
    paragraph(out, none, { muted: true });
    return;
  }
  const shown = rows.slice(0, MAX_ROWS);
  heading(out, title, { keepWith: Math.min(tableHeight(out, columns, shown.slice(0, 3)), 120) });
  table(out, columns, shown);
  if (rows.length > MAX_ROWS) paragraph(out, `And ${rows.length - MAX_ROWS} more, not printed; the screen and the CLI list them all.`, { muted: true });
}

function drawVerdict(out: FramedDocument, unexplained: number, chainIntact: boolean): void {
  const { doc, body } = out;
  const clean = unexplained === 0 && chainIntact;
  const title = clean ? 'All root activity is explained' : unexplained > 0 ? `${unexplained} unexplained item${unexplained === 1 ? '' : 's'}` : 'The audit trail is broken';
  const detail = clean
    ? 'Every root sign-in in these logs follows a break-glass, enrolment or rotation of its account, and every root credential change was recorded. File this report with the custody records.'
    : `${unexplained > 0 ? 'Each unexplained item below is root activity nobody recorded at the kiosk. Pass this report to the security lead today; treat the account as compromised until explained, and rotate its root password and MFA device. ' : ''}${chainIntact ? '' : 'The audit trail on this kiosk does not verify, so nothing on it can explain activity: compare it with the audit copies on the sticks.'}`;
  doc.font(FONT.sans).fontSize(9.5);
  const detailHeight = doc.heightOfString(detail, { width: body.width - 28 });
  const boxHeight = 18 + 20 + detailHeight + 12;
  out.ensureSpace(boxHeight + 10);
  doc.rect(body.x, out.y, body.width, boxHeight).lineWidth(clean ? 0.8 : 2.2).strokeColor(INK.text).stroke();
  doc.font(FONT.sansBold).fontSize(16).fillColor(INK.text).text(title, body.x + 14, out.y + 13, { width: body.width - 28, lineBreak: false });
  doc.font(FONT.sans).fontSize(9.5).fillColor(INK.text).text(detail, body.x + 14, out.y + 38, { width: body.width - 28 });
  out.y += boxHeight + 12;
}
