import { auditHeadWords } from './audit-head';
import type { EmergencySheetInput, MediumRole, PassphraseCustody, PrintOptions, PrintedDocument } from './document-inputs';
import { factTable, heading, list, paragraph, table, tableHeight } from './flow';
import { FONT, loadPrintFonts } from './fonts';
import { FramedDocument, INK } from './page-frame';
import type { FrameText } from './page-frame';
import { formatUtcDate, formatUtcDateTime, instant, invalidInput, limitedText, printable, requireGeneration, requireText } from './typeset';

/**
 * The emergency sheet of one artefact, in the spirit of KeePass's emergency sheet but for this custody
 * process: what the database is, where every copy is, how to open it with nothing but KeePassXC, and whom to
 * call. It carries no secret; the vault's sheet is also written onto every vault medium. The passphrase box
 * is filled in by hand, after printing, when the custody rules ask for a written copy.
 */

interface RoleText {
  readonly fileName: string;
  readonly banner: string;
  readonly title: string;
  readonly purpose: string;
  readonly neverStore: readonly string[];
  readonly keepApart: string;
  readonly passphraseName: string;
  readonly useIt: string;
}

const ROLE_TEXT: Readonly<Record<MediumRole, RoleText>> = {
  vault: {
    fileName: 'vault.kdbx',
    banner: 'EMERGENCY SHEET — VAULT — root passwords',
    title: 'Vault — root passwords of the AWS member accounts',
    purpose:
      'This KeePass database holds the root-user password of every AWS member account in custody. Each entry ' +
      'has the account name as its title, the user name root, the password, the sign-in URL, the account id and ' +
      'the root e-mail address. A password alone does not open an account: the MFA code from the seed store is ' +
      'needed as well.',
    neverStore: [
      'MFA seeds, TOTP codes or QR codes (they belong only in seeds.kdbx, on separate media);',
      'the seed store’s master passphrase or any hint to it;',
      'anything that is not a root credential of an account in custody.',
    ],
    keepApart: 'the seed media, the seed store’s emergency sheet and the paper seed backup',
    passphraseName: 'vault master passphrase',
    useIt:
      'Select the account’s entry: the title is the account name. Copy the password with Entries → Copy Password ' +
      '(KeePassXC clears the clipboard after a few seconds); the URL field is the sign-in page.',
  },
  seed: {
    fileName: 'seeds.kdbx',
    banner: 'EMERGENCY SHEET — SEED STORE — MFA seeds',
    title: 'Seed store — MFA seeds of the AWS member accounts',
    purpose:
      'This KeePass database holds the virtual-MFA seed of every AWS member account in custody, one entry per ' +
      'account with the account id, name and root e-mail address. The seed is stored as a TOTP setting ' +
      '(an otpauth:// link in the entry’s otp field), so KeePassXC shows the current 6-digit code. A code alone ' +
      'does not open an account: the root password from the vault is needed as well.',
    neverStore: [
      'root passwords (they belong only in vault.kdbx, on separate media);',
      'the vault’s master passphrase or any hint to it;',
      'anything that is not an MFA seed of an account in custody.',
    ],
    keepApart: 'the vault media, the vault’s emergency sheet and anything holding the vault passphrase',
    passphraseName: 'seed store master passphrase',
    useIt:
      'Select the account’s entry. The TOTP column shows the current 6-digit code; or choose Entries → TOTP → ' +
      'Show TOTP. A code is valid for 30 seconds: type it, then wait for the next one if it was about to change.',
  },
};

const HOLDER_MAX = 80;
const NOTE_MAX = 120;

export async function buildEmergencySheet(input: EmergencySheetInput, options: PrintOptions = {}): Promise<PrintedDocument> {
  const text = ROLE_TEXT[input.role];
  const generation = requireGeneration(input.generation);
  const printedBy = requireText(input.printedBy, 'custodian who printed the sheet');
  const printedAt = formatUtcDateTime(input.printedAt, 'print date');
  const auditHead = auditHeadWords(input.auditHead);
  const organisation = input.organisation === undefined ? undefined : limitedText(input.organisation, 'organisation name', 120);
  if (!Number.isInteger(input.accountCount) || input.accountCount < 0) {
    throw invalidInput('The number of accounts must be a whole number, so the sheet was not printed.', { field: 'accountCount' });
  }
  if (input.media.length === 0) {
    throw invalidInput(
      `No ${input.role === 'vault' ? 'vault' : 'seed'} medium is recorded, so the sheet would not say where the copies are. Label and write the media first.`,
    );
  }
  const fonts = options.fonts ?? (await loadPrintFonts());

  const out = new FramedDocument(input.paper, fonts, {
    title: `Emergency sheet — ${text.title} (${text.fileName}, generation ${generation})`,
    subject: 'Emergency sheet — contains no secret until filled in by hand',
    author: printedBy,
    createdAt: instant(input.printedAt, 'print date'),
    practice: options.practice === true,
  });

  if (organisation) paragraph(out, organisation, { muted: true });
  paragraph(out, text.purpose);

  out.y += 2;
  paragraph(out, `Never store in it: ${text.neverStore.join(' ')}`, { bold: 'Never store in it:' });

  heading(out, 'The file');
  factTable(out, [
    { label: 'File on every medium', value: `STRONGROOM/${text.fileName}   (KeePass KDBX 4)`, mono: true },
    {
      label: 'Generation',
      value: `${generation}, holding ${input.accountCount} account${input.accountCount === 1 ? '' : 's'}. Older generations beside it (${text.fileName.replace('.kdbx', '.g<N>.kdbx')}) are kept as history; use them only if this file does not open.`,
    },
  ]);

  const mediaColumns = [
    { title: 'Medium', share: 1.1, mono: true, bold: true },
    { title: 'Site', share: 0.8 },
    { title: 'Where exactly', share: 3 },
  ];
  const mediaRows = input.media.map((m) => [
    requireText(m.mediumId, 'medium id'),
    m.locationKind === 'onsite' ? 'Onsite' : 'Offsite',
    limitedText(m.locationNote, `location note of ${printable(m.mediumId)}`, NOTE_MAX) || '—',
  ]);
  heading(out, 'Where the copies are', { keepWith: tableHeight(out, mediaColumns, mediaRows) });
  table(out, mediaColumns, mediaRows);
  if (input.networkLocation !== undefined && printable(input.networkLocation) !== '') {
    paragraph(out, `Network copy: ${limitedText(input.networkLocation, 'network location', 200)}`);
  }

  if (input.keyCards) {
    heading(out, 'Master key: key cards');
    drawKeyCards(out, input.keyCards, text);
  } else {
    heading(out, 'Master passphrase');
    drawPassphrase(out, input.passphrase, text);
  }

  heading(out, 'Open it without Strongroom');
  list(
    out,
    [
      'Use an offline computer with KeePassXC 2.7 or later (any KeePass that reads KDBX 4 will do).',
      `Insert a medium from the table above and find the file STRONGROOM/${text.fileName}.`,
      input.keyCards
        ? `In KeePassXC choose Database → Open Database…, select ${text.fileName} and type the combined master key Strongroom showed (the groups with their hyphens). There is no key file.`
        : `In KeePassXC choose Database → Open Database…, select ${text.fileName} and type the ${text.passphraseName}. There is no key file.`,
      text.useIt,
      'Signing in as root needs both the password from the vault and the 6-digit code from the seed store.',
      'Save nothing to the medium. Afterwards tell the security team what you used: it is recorded, and rotated if it left the strongroom.',
    ],
    true,
  );

  if (input.contacts.length === 0) {
    heading(out, 'Who to call');
    paragraph(out, 'No contacts were recorded when this sheet was printed. Ask the head of security to add them and reprint it.');
  } else {
    const contactColumns = [
      { title: 'Name', share: 1.5, bold: true },
      { title: 'Why', share: 1.7 },
      { title: 'Phone', share: 1.2, mono: true },
      { title: 'E-mail', share: 1.7, mono: true },
    ];
    const contactRows = input.contacts.map((c) => [
      requireText(c.name, 'contact name'),
      printable(c.role),
      c.phone ? printable(c.phone) : '—',
      c.email ? printable(c.email) : '—',
    ]);
    heading(out, 'Who to call', { keepWith: tableHeight(out, contactColumns, contactRows) });
    table(out, contactColumns, contactRows);
  }

  const frame: FrameText = {
    banner: text.banner,
    tone: 'restricted',
    title: `Emergency sheet: ${text.fileName}`,
    facts: [
      `${text.fileName}  ·  generation ${generation}  ·  ${input.accountCount} account${input.accountCount === 1 ? '' : 's'}`,
      `Printed ${formatUtcDate(input.printedAt, 'print date')} by ${printedBy}`,
    ],
    // On every page, like a fingerprint: the paper witnesses how far the audit trail reached when it was made.
    footer: [`Printed by ${printedBy} on ${printedAt}  ·  Strongroom  ·  this sheet holds no secret until filled in by hand`, `Audit trail head: ${auditHead}`],
  };
  return out.finish(frame);
}

/** A share-keyed role: nobody knows the passphrase; k holders combine their cards, in Strongroom, into it. */
function drawKeyCards(out: FramedDocument, cards: NonNullable<EmergencySheetInput['keyCards']>, text: RoleText): void {
  const holders = cards.holders.map((h, i) => `${i + 1}. ${limitedText(h, 'key card holder', HOLDER_MAX)}`).join('   ');
  paragraph(
    out,
    `Nobody knows this file's master key: it was drawn at random and split into ${cards.cardCount} key cards (set ${cards.setId}), ` +
      `any ${cards.threshold} of which give it back; fewer give nothing. The holders: ${holders}.`,
  );
  paragraph(
    out,
    `Call ${cards.threshold} holders. Each types or scans their card into Strongroom: on the kiosk, or with the Strongroom ` +
      `command line on any offline computer (strongroom keycards combine). Strongroom checks every line, then shows the ` +
      `combined master key once: groups of letters and digits joined by hyphens. That is the ${text.passphraseName} KeePassXC asks for. ` +
      `Never write it down; afterwards the role is re-keyed and new cards printed.`,
  );
}

function drawPassphrase(out: FramedDocument, custody: PassphraseCustody, text: RoleText): void {
  const { doc, body } = out;
  if (custody.kind === 'write-in') {
    paragraph(
      out,
      `Write the ${text.passphraseName} in the box by hand, exactly as typed, in block letters where a character ` +
        `could be misread. Once written, this sheet is as secret as the passphrase: seal it in an envelope and keep ` +
        `it apart from ${text.keepApart}.`,
    );
    const boxHeight = 58;
    out.ensureSpace(boxHeight + 8);
    doc.rect(body.x, out.y, body.width, boxHeight).lineWidth(1.4).strokeColor(INK.text).stroke();
    doc
      .font(FONT.sansBold)
      .fontSize(7)
      .fillColor(INK.muted)
      .text(text.passphraseName.toUpperCase(), body.x + 8, out.y + 6, { lineBreak: false, characterSpacing: 0.5 });
    for (const offset of [28, 46]) {
      doc
        .moveTo(body.x + 10, out.y + offset)
        .lineTo(body.x + body.width - 10, out.y + offset)
        .lineWidth(0.4)
        .dash(1.5, { space: 2.5 })
        .strokeColor(INK.rule)
        .stroke()
        .undash();
    }
    out.y += boxHeight + 8;
    return;
  }

  paragraph(
    out,
    `The ${text.passphraseName} is not written down. It is kept by the custodians below; opening the database needs ` +
      'them present. Each signs beside their name when this sheet is filed.',
  );
  const holders = custody.holders.length > 0 ? custody.holders : ['', ''];
  for (const holder of holders) {
    const name = limitedText(holder, 'passphrase holder', HOLDER_MAX);
    out.ensureSpace(30);
    const lineY = out.y + 20;
    doc.font(FONT.sans).fontSize(9).fillColor(INK.muted).text('Kept by', body.x, lineY - 11, { lineBreak: false });
    if (name) {
      doc.font(FONT.sansBold).fontSize(10).fillColor(INK.text).text(name, body.x + 50, lineY - 12, {
        width: body.width * 0.45 - 50,
        lineBreak: false,
        ellipsis: true,
      });
    } else {
      doc.moveTo(body.x + 50, lineY).lineTo(body.x + body.width * 0.45, lineY).lineWidth(0.6).strokeColor(INK.text).stroke();
    }
    doc.font(FONT.sans).fontSize(9).fillColor(INK.muted).text('Signature', body.x + body.width * 0.5, lineY - 11, { lineBreak: false });
    doc
      .moveTo(body.x + body.width * 0.5 + 52, lineY)
      .lineTo(body.x + body.width, lineY)
      .lineWidth(0.6)
      .strokeColor(INK.text)
      .stroke();
    out.y = lineY + 8;
  }
  out.y += 4;
}
