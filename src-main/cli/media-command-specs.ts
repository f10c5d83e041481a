import { FORMS } from './cli-options';
import type { CliCommandSpec } from './cli-command';

export const mediaCommandSpecs: readonly CliCommandSpec[] = [
  {
    words: ['drives'],
    usage: 'drives',
    summary: 'List inserted sticks: device, identity and its source, partitions, role and medium id.',
    needsCustodian: false,
  },
  {
    words: ['label'],
    usage: 'label <device-or-mount> --role vault|seed [--id ID] --location "onsite|offsite[: note]"',
    summary: 'Label a stick as a vault or seed medium (refused when the stick holds, or is labelled for, the other).',
    options: {
      role: { type: 'string', ...FORMS.role },
      id: { type: 'string', ...FORMS.mediumId },
      location: { type: 'string', form: '"onsite" or "offsite", optionally with a note: --location "offsite: Bank box 12"' },
    },
    positionals: { min: 1, max: 1, name: 'the device or mount point of the stick' },
    needsCustodian: true,
  },
  {
    words: ['eject'],
    usage: 'eject <device-or-mount>',
    summary: 'Flush and unmount every partition of a stick so it is safe to remove.',
    positionals: { min: 1, max: 1, name: 'the device or mount point of the stick' },
    needsCustodian: true,
  },
];
