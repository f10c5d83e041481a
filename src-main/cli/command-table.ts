import { ErrorCode, StrongroomError } from '../core/errors';
import { auditCommandSpecs } from './audit-command-specs';
import type { CliCommand, CliCommandSpec, CommandRuns } from './cli-command';
import { cloudTrailCommandSpecs } from './cloudtrail-command-specs';
import { custodianCommandSpecs } from './custodian-command-specs';
import { custodyCommandSpecs } from './custody-command-specs';
import { enrolmentCommandSpecs } from './enrolment-command-specs';
import { incidentCommandSpecs } from './incident-command-specs';
import { keyCardCommandSpecs } from './key-card-command-specs';
import { lifecycleCommandSpecs } from './lifecycle-command-specs';
import { mediaCommandSpecs } from './media-command-specs';
import { printCommandSpecs } from './print-command-specs';
import { rotationCommandSpecs } from './rotation-command-specs';
import { tokenCommandSpecs } from './token-command-specs';
import { verificationCommandSpecs } from './verification-command-specs';

/**
 * Every `strongroom` command: its spec here (words, usage, summary, options), its run in its family's module,
 * imported only when one of the family's commands runs. `--help`, a usage error or one command therefore never
 * loads the work (and the packages) of the others.
 */
export interface CommandFamily {
  /** The module holding the family's runs, as it is imported: "./custody-commands". */
  readonly module: string;
  readonly specs: readonly CliCommandSpec[];
  readonly load: () => Promise<CommandRuns>;
}

// Each import() names its module literally, so the bundler makes each family a chunk of its own.
export const COMMAND_FAMILIES: readonly CommandFamily[] = [
  { module: './audit-commands', specs: auditCommandSpecs, load: async () => (await import('./audit-commands')).auditRuns },
  { module: './media-commands', specs: mediaCommandSpecs, load: async () => (await import('./media-commands')).mediaRuns },
  { module: './custodian-commands', specs: custodianCommandSpecs, load: async () => (await import('./custodian-commands')).custodianRuns },
  { module: './custody-commands', specs: custodyCommandSpecs, load: async () => (await import('./custody-commands')).custodyRuns },
  { module: './enrolment-commands', specs: enrolmentCommandSpecs, load: async () => (await import('./enrolment-commands')).enrolmentRuns },
  { module: './rotation-commands', specs: rotationCommandSpecs, load: async () => (await import('./rotation-commands')).rotationRuns },
  { module: './lifecycle-commands', specs: lifecycleCommandSpecs, load: async () => (await import('./lifecycle-commands')).lifecycleRuns },
  { module: './verification-commands', specs: verificationCommandSpecs, load: async () => (await import('./verification-commands')).verificationRuns },
  { module: './print-commands', specs: printCommandSpecs, load: async () => (await import('./print-commands')).printRuns },
  { module: './key-card-commands', specs: keyCardCommandSpecs, load: async () => (await import('./key-card-commands')).keyCardRuns },
  { module: './incident-commands', specs: incidentCommandSpecs, load: async () => (await import('./incident-commands')).incidentRuns },
  { module: './cloudtrail-commands', specs: cloudTrailCommandSpecs, load: async () => (await import('./cloudtrail-commands')).cloudTrailRuns },
  { module: './token-commands', specs: tokenCommandSpecs, load: async () => (await import('./token-commands')).tokenRuns },
];

/** The key a family's runs are filed under: the command's words, "accounts import". */
export function runKey(spec: Pick<CliCommandSpec, 'words'>): string {
  return spec.words.join(' ');
}

function lazyCommand(spec: CliCommandSpec, family: CommandFamily): CliCommand {
  return {
    ...spec,
    async run(context) {
      const run = (await family.load())[runKey(spec)];
      if (!run) throw new StrongroomError(ErrorCode.Internal, `"strongroom ${runKey(spec)}" has no run in ${family.module}.`);
      return run.run(context);
    },
  };
}

/** Every command, in the order usage lists them. */
export const COMMANDS: readonly CliCommand[] = COMMAND_FAMILIES.flatMap((family) => family.specs.map((spec) => lazyCommand(spec, family)));
