import type { CliCommandSpec } from './cli-command';
import { subjectChangeSpec } from './command-kit';

export const LOST_USAGE = 'medium lost ID --reason TEXT';

export const RETIRE_USAGE = 'medium retire <device-or-mount> --confirm ID --reason TEXT';

export const REPLACE_USAGE = 'medium replace OLD-ID --with <new-device-or-mount> [--from <twin-device-or-mount>] --reason TEXT';

export const SEAL_USAGE = 'medium seal ID --serial BAG-SERIAL';

export const WIPE_USAGE = 'wipe <device-or-mount> --confirm ID';

export const PASSPHRASE_USAGE = 'medium change-passphrase --role vault|seed [--leave-behind]';

export const lifecycleCommandSpecs: readonly CliCommandSpec[] = [
  {
    words: ['medium', 'lost'],
    usage: LOST_USAGE,
    summary: 'Report a stick lost or destroyed, without inserting it: it stops counting as a replica, and Strongroom says what to do next.',
    options: { reason: { type: 'string' } },
    positionals: { min: 1, max: 1, name: 'the medium id, such as VAULT-02' },
    needsCustodian: true,
  },
  subjectChangeSpec({
    words: ['medium', 'retire'],
    usage: RETIRE_USAGE,
    summary: 'Take an inserted stick out of service: its Strongroom files are removed and it is recorded as retired (refused for the only stick in service holding the newest generation).',
    options: { confirm: { type: 'string' }, reason: { type: 'string' } },
    subject: 'the device or mount point of the stick',
  }),
  {
    words: ['medium', 'replace'],
    usage: REPLACE_USAGE,
    summary: 'Label a new stick in place of one in service (same role and location, a new id) and copy the newest committed generation onto it from a twin; then the old one is recorded as replaced.',
    options: { with: { type: 'string' }, from: { type: 'string' }, reason: { type: 'string' } },
    positionals: { min: 1, max: 1, name: 'the medium id being replaced, such as VAULT-02' },
    needsCustodian: true,
  },
  subjectChangeSpec({
    words: ['medium', 'seal'],
    usage: SEAL_USAGE,
    summary: 'Log the serial of the tamper-evident bag a stick was sealed in after a write; verification compares the serial on the bag with this log.',
    options: { serial: { type: 'string' } },
    subject: 'the medium id, such as VAULT-02',
  }),
  {
    words: ['medium', 'change-passphrase'],
    usage: PASSPHRASE_USAGE,
    summary:
      'Re-encrypt the vault or the seed store under a new master passphrase, as one write over every stick of that role in service (--leave-behind: sticks not inserted keep the old one until updated). On standard input, one per line: the current passphrase, the new one, the new one again.',
    options: { role: { type: 'string' }, 'leave-behind': { type: 'boolean', default: false } },
    needsCustodian: true,
  },
  {
    words: ['replicate'],
    usage: 'replicate --from <device-or-mount> --to <device-or-mount>',
    summary: 'Copy the newest generation from one stick to another of the same role (checked, staged, read back, committed).',
    options: { from: { type: 'string' }, to: { type: 'string' } },
    needsCustodian: true,
  },
  subjectChangeSpec({
    words: ['wipe'],
    usage: WIPE_USAGE,
    summary: 'Remove Strongroom\'s files from a stick so it can be labelled again (refused for the only stick in service holding the newest generation).',
    options: { confirm: { type: 'string' } },
    subject: 'the device or mount point of the stick',
  }),
  {
    words: ['settings', 'kept-generations'],
    usage: 'settings kept-generations N',
    summary: 'How many generations of its artefact each stick keeps (2 to 20, the current one included; 3 by default). Sticks follow at their next write.',
    positionals: { min: 1, max: 1, name: 'the number of generations to keep on each stick' },
    needsCustodian: true,
  },
];
