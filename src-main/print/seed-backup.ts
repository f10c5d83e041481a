import {
  SEED_BLOCK,
  mm,
  seedBackupPageCount,
  seedBlockHeight,
  seedBlocksPerPage,
  seedQrColumnWidth,
} from '../core/paper-layout';
import { splitSeedIntoLines } from '../core/seed-line-check';
import type { SeedLine } from '../core/seed-line-check';
import type { PrintOptions, PrintedDocument, SeedBackupAccount, SeedBackupInput } from './document-inputs';
import { seedSetFingerprint } from './fingerprints';
import { FONT, LITERAL, loadPrintFonts } from './fonts';
import { factTable, heading, list, paragraph, signatureLines } from './flow';
import { FramedDocument, INK, fitFontSize, textWidth as measure } from './page-frame';
import { drawQr, encodeQr } from './qr-vector';
import type { QrSymbol } from './qr-vector';
import {
  formatUtcDate,
  formatUtcDateTime,
  groupHex,
  instant,
  invalidInput,
  limitedText,
  printable,
  requireGeneration,
  requireText,
} from './typeset';

/**
 * The paper seed backup: the last line of disaster recovery. If every seed medium fails, a custodian signs
 * in from this paper alone (plus the vault for the password). Each account gets one block that never splits
 * across pages: who the account is, the seed in groups of four with a check value per line, and the same
 * seed as a QR code of its otpauth URI.
 */

export const SEED_BACKUP_BANNER = 'SECRET — MFA SEEDS — store apart from the vault';

/** Below this a QR module is too small to survive a photocopy; the account's URI must be shortened instead. */
const MIN_QR_MODULE = mm(0.42);
const ORGANISATION_MAX = 120;
const OVERRIDE_REASON_SHOWN = 140;

function clipped(text: string, max: number): string {
  return [...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text;
}

interface PreparedAccount {
  readonly index: number;
  readonly account: SeedBackupAccount;
  readonly name: string;
  readonly email: string;
  readonly issuer: string;
  readonly lines: readonly SeedLine[];
  readonly qr: QrSymbol;
}

export interface SeedBackupDocument extends PrintedDocument {
  /** The set fingerprint printed on every page; the app records it with the print event. */
  readonly fingerprint: string;
  readonly blocksPerPage: number;
}

export async function buildSeedBackup(input: SeedBackupInput, options: PrintOptions = {}): Promise<SeedBackupDocument> {
  const generation = requireGeneration(input.generation);
  const printedBy = requireText(input.printedBy, 'custodian who printed the backup');
  const printedOn = formatUtcDate(input.printedAt, 'print date');
  const organisation = input.organisation === undefined ? undefined : limitedText(input.organisation, 'organisation name', ORGANISATION_MAX);
  const accounts = prepare(input.accounts);
  const fingerprint = seedSetFingerprint(input.accounts);
  const fonts = options.fonts ?? (await loadPrintFonts());

  const maxLines = Math.max(...accounts.map((a) => a.lines.length));
  const blockHeight = seedBlockHeight(maxLines);
  const perPage = seedBlocksPerPage(input.paper, maxLines);

  // Everything the frame prints is known before the first block, so the pages stream out as they are laid out.
  const frame = {
    banner: SEED_BACKUP_BANNER,
    tone: 'secret',
    title: 'Paper MFA seed backup',
    facts: [
      `Seed store generation ${generation}  ·  printed ${printedOn}  ·  ${accounts.length} account${accounts.length === 1 ? '' : 's'}`,
      `Set fingerprint ${groupHex(fingerprint)}`,
    ],
    footer: [
      `Printed by ${printedBy} on ${formatUtcDateTime(input.printedAt, 'print date')}${organisation ? `  ·  ${organisation}` : ''}  ·  Strongroom`,
    ],
  } as const;
  const out = new FramedDocument(
    input.paper,
    fonts,
    {
      title: `Paper MFA seed backup — generation ${generation}`,
      subject: SEED_BACKUP_BANNER,
      author: printedBy,
      createdAt: instant(input.printedAt, 'print date'),
      practice: options.practice === true,
    },
    { frame, pageCount: seedBackupPageCount(input.paper, accounts.length, maxLines) },
  );

  const secondCustodian = input.secondCustodian === undefined ? undefined : requireText(input.secondCustodian, 'second custodian');
  const networkOverride = input.networkOverride && {
    by: requireText(input.networkOverride.by, 'custodian who overrode the air gap'),
    // The whole reason is on the audit trail; the cover keeps a line's worth so it stays one page.
    reason: clipped(printable(input.networkOverride.reason), OVERRIDE_REASON_SHOWN),
  };
  drawCover(out, input, { generation, printedBy, fingerprint, accountCount: accounts.length, organisation, secondCustodian, networkOverride });
  // The page count printed on the cover and used by callers assumes a one-page cover.
  if (out.pageCount !== 1) {
    throw invalidInput('The organisation name or other cover details are too long to fit the first page of the seed backup. Shorten them and prepare it again.');
  }

  accounts.forEach((prepared, i) => {
    if (i % perPage === 0) out.newPage();
    const y = out.body.y + (i % perPage) * (blockHeight + SEED_BLOCK.blockGap);
    drawBlock(out, prepared, accounts.length, y, blockHeight);
  });

  const printed = await out.finish(frame);
  return { ...printed, fingerprint, blocksPerPage: perPage };
}

function prepare(accounts: readonly SeedBackupAccount[]): PreparedAccount[] {
  if (accounts.length === 0) {
    throw invalidInput('There are no accounts with an MFA seed to print. Enrol at least one account first.');
  }
  const seen = new Set<string>();
  return accounts.map((account, index) => {
    const accountId = printable(account.accountId);
    if (!/^\d{12}$/.test(accountId)) {
      throw invalidInput(`Entry ${index + 1} has an account id that is not 12 digits, so nothing was printed.`, { entry: index + 1 });
    }
    if (seen.has(accountId)) {
      throw invalidInput(`Account ${accountId} appears twice in the backup, so nothing was printed.`, { accountId });
    }
    seen.add(accountId);
    const lines = splitSeedIntoLines(account.seedBase32);
    checkUriCarriesSeed(account, accountId, lines.map((l) => l.text).join(''));
    const qr = encodeQr(account.otpauthUri);
    if (SEED_BLOCK.qrSymbol / qr.size < MIN_QR_MODULE) {
      throw invalidInput(
        `The QR code for account ${accountId} would be too dense to scan from a photocopy. Shorten the account name or issuer and print again.`,
        { accountId },
      );
    }
    return {
      index: index + 1,
      account,
      name: requireText(account.name, `name of account ${accountId}`),
      email: requireText(account.email, `root e-mail of account ${accountId}`),
      issuer: requireText(account.issuer, `issuer of account ${accountId}`),
      lines,
      qr,
    };
  });
}

/**
 * The QR code and the printed characters must be the same seed: if they differed, whichever one a custodian
 * used in a disaster might be the wrong one, and the paper would fail exactly when it is needed.
 */
function checkUriCarriesSeed(account: SeedBackupAccount, accountId: string, seed: string): void {
  let secret: string | null = null;
  try {
    const uri = new URL(account.otpauthUri);
    if (uri.protocol === 'otpauth:' && uri.host === 'totp') secret = uri.searchParams.get('secret');
  } catch {
    secret = null;
  }
  if (secret === null) {
    throw invalidInput(`The sign-in link of account ${accountId} is not an otpauth://totp link, so nothing was printed.`, { accountId });
  }
  if (secret.replace(/=+$/, '').toUpperCase() !== seed) {
    throw invalidInput(
      `The QR code and the printed seed of account ${accountId} would not be the same seed, so nothing was printed. Report this to the security team.`,
      { accountId },
    );
  }
}

interface CoverFacts {
  readonly generation: number;
  readonly printedBy: string;
  readonly fingerprint: string;
  readonly accountCount: number;
  readonly organisation: string | undefined;
  readonly secondCustodian: string | undefined;
  readonly networkOverride: { readonly by: string; readonly reason: string } | undefined;
}

function drawCover(out: FramedDocument, input: SeedBackupInput, facts: CoverFacts): void {
  paragraph(
    out,
    'The virtual-MFA seeds of the AWS member accounts listed on the following pages. With the root password ' +
      'from the vault, each seed lets its holder sign in as the root user of that account.',
    { size: 10.5, width: out.body.width * 0.85 },
  );
  out.y += 6;

  factTable(out, [
    ...(facts.organisation ? [{ label: 'Organisation', value: facts.organisation }] : []),
    { label: 'Accounts', value: `${facts.accountCount}` },
    { label: 'Seed store generation', value: `${facts.generation} (matches seeds.kdbx generation ${facts.generation})` },
    { label: 'Printed', value: `${formatUtcDateTime(input.printedAt, 'print date')} by ${facts.printedBy}${facts.secondCustodian ? `, with ${facts.secondCustodian}` : ''}` },
    ...(facts.networkOverride
      ? [{ label: 'Air gap', value: `overridden for lab use by ${facts.networkOverride.by}: “${facts.networkOverride.reason}”. Not for real custody.` }]
      : []),
    { label: 'Set fingerprint', value: groupHex(facts.fingerprint), mono: true },
  ]);

  heading(out, 'Handling');
  list(out, [
    'Keep it sealed in its envelope, offsite, apart from the vault media, the vault emergency sheet and anything holding the vault passphrase.',
    'Do not photograph or scan it. Copy it only to make an approved paper replica, and record the copy in the audit log.',
    'Every page shows the set fingerprint. A page with another fingerprint belongs to another set or generation.',
    'When a newer generation is printed and verified, shred this one (cross-cut) and record it.',
  ]);

  heading(out, 'If every seed medium has failed');
  list(
    out,
    [
      'Use an offline computer with KeePassXC, or the Strongroom kiosk. Find the account’s block on the following pages; they are in the order of the account list.',
      'Type the seed line by line. Seeds use only A–Z and 2–7: a round character is the letter O, a straight stroke the letter I. Each line ends with a two-character check value; Strongroom’s seed restore checks every line and names the one that is wrong. Without Strongroom, read each group of four back to a second custodian.',
      'In KeePassXC, select or create the account’s entry, choose Entries → TOTP → Set up TOTP…, enter the seed and keep the default settings (30 seconds, 6 digits). Or scan the block’s QR code with an approved authenticator.',
      'Sign in to the AWS console as the root user: the e-mail address from the block, the password from the vault, and the 6-digit code.',
      'The seed has now left the strongroom: re-enrol the account’s MFA device, write new media, print a new backup, and record all of it.',
    ],
    true,
  );

  out.y += 6;
  signatureLines(out, ['Printed by', facts.secondCustodian ? `Witness (${facts.secondCustodian})` : 'Witness', 'Sealed in envelope no.']);
}

function drawBlock(out: FramedDocument, prepared: PreparedAccount, total: number, top: number, height: number): void {
  const { doc, body } = out;
  const b = SEED_BLOCK;
  const qrColumn = seedQrColumnWidth();
  const left = body.x + b.padding + 2;
  const textWidth = body.width - 2 * b.padding - 2 - qrColumn - b.qrColumnGap;
  const accountId = printable(prepared.account.accountId);
  // Every row is placed by its baseline, so labels, names and monospace text of different sizes line up.
  const onBaseline = { lineBreak: false, baseline: 'alphabetic' } as const;
  const literal = { ...onBaseline, ...LITERAL };

  doc.rect(body.x, top, body.width, height).lineWidth(0.7).strokeColor(INK.rule).stroke();

  // Name row: sequence number in the set, then the account name across the whole text column.
  let rowTop = top + b.padding;
  const nameBaseline = rowTop + 11.5;
  const sequence = `${prepared.index} / ${total}`;
  doc.font(FONT.sans).fontSize(7.5).fillColor(INK.faint).text(sequence, left, nameBaseline, onBaseline);
  const sequenceWidth = Math.max(measure(doc, FONT.sans, 7.5, sequence) + 8, 30);
  const nameWidth = textWidth - sequenceWidth;
  const nameSize = fitFontSize(doc, prepared.name, FONT.sansBold, nameWidth, 11.5, 7);
  doc
    .font(FONT.sansBold)
    .fontSize(nameSize)
    .fillColor(INK.text)
    .text(prepared.name, left + sequenceWidth, nameBaseline, { ...onBaseline, width: nameWidth, ellipsis: true });

  // Details: the account id and the issuer an authenticator will show, then who signs in.
  const labelWidth = 58;
  rowTop += b.nameRow;
  let baseline = rowTop + 8.5;
  doc.font(FONT.sans).fontSize(7).fillColor(INK.muted).text('Account', left, baseline, onBaseline);
  doc.font(FONT.monoBold).fontSize(9.5).fillColor(INK.text).text(accountId, left + labelWidth, baseline, literal);
  const issuerX = left + labelWidth + measure(doc, FONT.monoBold, 9.5, accountId) + 18;
  doc.font(FONT.sans).fontSize(7).fillColor(INK.muted).text('Issuer', issuerX, baseline, onBaseline);
  const issuerValueX = issuerX + measure(doc, FONT.sans, 7, 'Issuer') + 8;
  const issuerWidth = left + textWidth - issuerValueX;
  const issuerSize = fitFontSize(doc, prepared.issuer, FONT.sans, issuerWidth, 8.5, 5.5);
  doc
    .font(FONT.sans)
    .fontSize(issuerSize)
    .fillColor(INK.text)
    .text(prepared.issuer, issuerValueX, baseline, { ...onBaseline, width: issuerWidth, ellipsis: true });
  rowTop += b.detailRow;
  baseline = rowTop + 8.5;
  doc.font(FONT.sans).fontSize(7).fillColor(INK.muted).text('Root e-mail', left, baseline, onBaseline);
  const emailSize = fitFontSize(doc, prepared.email, FONT.mono, textWidth - labelWidth, 8.5, 5.5);
  doc
    .font(FONT.mono)
    .fontSize(emailSize)
    .fillColor(INK.text)
    .text(prepared.email, left + labelWidth, baseline, { ...literal, width: textWidth - labelWidth, ellipsis: true });
  rowTop += b.detailRow;

  // Seed lines: number, four groups of four with clear gaps, then the check value in its own box.
  rowTop += b.detailsToSeedGap;
  const seedSize = 13.5;
  const charWidth = measure(doc, FONT.monoBold, seedSize, 'M');
  const groupsX = left + 16;
  const checkLabelX = groupsX + (4 * 4 + 3 * 2) * charWidth + 18;
  const checkX = checkLabelX + 26;
  for (const line of prepared.lines) {
    const baseline = rowTop + 11.5;
    doc.font(FONT.sans).fontSize(7.5).fillColor(INK.faint).text(`${line.number}`, left + 2, baseline, onBaseline);
    // One run per line; two monospace spaces between groups give the gap of half a group.
    doc.font(FONT.monoBold).fontSize(seedSize).fillColor(INK.text).text(line.groups.join('  '), groupsX, baseline, literal);
    doc.font(FONT.sans).fontSize(6.5).fillColor(INK.muted).text('check', checkLabelX, baseline - 1, onBaseline);
    const checkWidth = measure(doc, FONT.mono, seedSize, 'MM');
    doc.font(FONT.mono).fontSize(seedSize);
    doc.rect(checkX - 3.5, rowTop + 0.5, checkWidth + 7, b.seedRow - 1.5).lineWidth(0.6).strokeColor(INK.muted).stroke();
    doc.fillColor(INK.text).text(line.check, checkX, baseline, literal);
    rowTop += b.seedRow;
  }

  // The QR code, centred in its column; the column's margin is the symbol's quiet zone.
  const qrX = body.x + body.width - b.padding - qrColumn + b.qrQuietZone;
  const qrY = top + (height - b.qrSymbol) / 2;
  drawQr(doc, prepared.qr, qrX, qrY, b.qrSymbol);
}
