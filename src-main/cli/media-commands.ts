import type { CommandRuns } from './cli-command';
import { usageError } from './cli-options';

/** "onsite", "offsite: Bank box 12", "onsite - Safe 1" → kind and note. */
export function parseLocation(text: string): { kind: 'onsite' | 'offsite'; note: string } {
  const match = /^\s*(on-?site|off-?site)\s*(?:[:\-–,]\s*(.*))?$/i.exec(text);
  if (!match) throw usageError('--location says where the stick will be kept, starting with "onsite" or "offsite", e.g. --location "offsite: Bank box 12".');
  return { kind: match[1]!.toLowerCase().replace('-', '') as 'onsite' | 'offsite', note: (match[2] ?? '').trim() };
}

function size(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.round(bytes / 1e6)} MB`;
}

export const mediaRuns: CommandRuns = {
  'drives': {
    async run({ app, io, json }) {
      const { practice, allowances, media: cards } = await app.media.overview();
      if (json) {
        io.out(JSON.stringify({ practice, allowances, drives: cards }, null, 2));
        return 0;
      }
      if (practice) io.out('PRACTICE MODE: simulated media (STRONGROOM_MEDIA_ROOT).');
      if (allowances.length) io.out(`Allowances in force: ${allowances.join(', ')}.`);
      if (cards.length === 0) io.out('No usable stick is inserted.');
      for (const card of cards) {
        const label = card.label ? `${card.label.mediumId} (${card.label.role}, ${card.label.location.kind}${card.label.location.note ? `: ${card.label.location.note}` : ''})` : 'unlabelled';
        io.out(`${card.devicePath}  ${[card.vendor, card.model].filter(Boolean).join(' ') || 'unknown model'}  ${size(card.sizeBytes)}  ${label}${card.readOnly ? '  READ-ONLY' : ''}`);
        io.out(`  identity: ${card.identity.words} [${card.identity.source}]`);
        for (const p of card.partitions) {
          io.out(`  ${p.number === 0 ? 'whole' : `p${p.number}`}  ${p.devicePath}  ${p.filesystem ?? 'unformatted'}  ${p.label ?? ''}  ${size(p.sizeBytes)}  ${p.mountpoints.join(', ') || 'not mounted'}`);
        }
        if (card.lastWrite) io.out(`  last written: generation ${card.lastWrite.generation} at ${card.lastWrite.writtenAt} by ${card.lastWrite.writtenBy}`);
      }
      return 0;
    },
  },
  'label': {
    async run({ app, io, json, options, args }) {
      const target = args[0]!;
      const role = options['role'];
      if (role !== 'vault' && role !== 'seed') throw usageError('--role is needed: vault or seed.');
      if (typeof options['location'] !== 'string') throw usageError('--location is needed: "onsite" or "offsite", e.g. --location "onsite: Safe 1".');
      // The desk checks that --id is of the role (MEDIUM_ID_NOT_FOR_ROLE), as it does for the window.
      const id = typeof options['id'] === 'string' ? options['id'] : undefined;
      const medium = await app.media.label({ devicePath: target, role, location: parseLocation(options['location']), ...(id !== undefined ? { mediumId: id } : {}) });
      const card = app.media.card(medium);
      io.out(json ? JSON.stringify(card, null, 2) : `Labelled ${card.devicePath} as ${role} medium ${card.label?.mediumId}.`);
      return 0;
    },
  },
  'eject': {
    async run({ app, io, json, args }) {
      const report = await app.media.eject(args[0]!);
      if (json) io.out(JSON.stringify(report, null, 2));
      else {
        for (const step of report.steps) io.out(`${step.outcome.padEnd(7)} ${step.action} ${step.target}${step.detail ? `: ${step.detail}` : ''}`);
        io.out(report.safeToRemove ? 'Safe to remove.' : 'NOT safe to remove yet.');
      }
      return report.safeToRemove ? 0 : 1;
    },
  },
};
