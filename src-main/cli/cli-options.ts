import { parseArgs } from 'node:util';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { CliCommand, CliOptionSpec } from './cli-command';

/**
 * Reads a command line against a command's options, and turns every way it can be wrong into a USAGE error: one
 * sentence naming the option (or argument) and the form it accepts, which the CLI prints with exit code 2. An
 * unknown option, a missing value, an option given twice, a value in the wrong form, an argument too many: none
 * of them reaches the command, so nothing a custodian types can end in INTERNAL.
 */

export interface ParsedCommandLine {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly args: string[];
}

/** The words of a value a usage error may repeat: short, so a pasted paragraph is not echoed whole. */
function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}

export function usageError(sentence: string, details: Record<string, string> = {}): StrongroomError {
  return new StrongroomError(ErrorCode.Usage, sentence, details);
}

function optionNamed(message: string): string {
  return /'(-{1,2}[^' <]+)/.exec(message)?.[1] ?? 'an option';
}

function formOf(spec: CliOptionSpec, name: string): string {
  const option = spec[name];
  if (!option) return 'a value';
  return option.form ?? (option.type === 'boolean' ? 'no value' : 'a value');
}

export function parseCommandLine(argv: readonly string[], command: CliCommand | null, globalOptions: CliOptionSpec): ParsedCommandLine {
  const spec: CliOptionSpec = { ...globalOptions, ...(command?.options ?? {}) };
  const config = Object.fromEntries(
    Object.entries(spec).map(([name, { type, short, multiple, default: fallback }]) => [
      name,
      { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}), ...(fallback !== undefined ? { default: fallback } : {}) },
    ]),
  );
  const commandName = command ? `"strongroom ${command.words.join(' ')}"` : 'strongroom';
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, tokens: true, options: config });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    const option = optionNamed(message);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const known = Object.keys(command?.options ?? {}).map((name) => `--${name}`);
      throw usageError(`${shown(option)} is not an option of ${commandName}${known.length ? `; it takes ${known.join(', ')}` : ''}.`, { option });
    }
    const name = option.replace(/^-+/, '');
    if (spec[name]?.type === 'boolean') throw usageError(`${option} is a switch and takes no value.`, { option });
    throw usageError(`${option} needs a value: ${formOf(spec, name)}.`, { option });
  }

  // parseArgs keeps the last of a repeated option; a custody command must never guess which one was meant.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name) && !spec[token.name]?.multiple) throw usageError(`--${token.name} was given more than once; give it once.`, { option: `--${token.name}` });
    seen.add(token.name);
  }

  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  for (const [name, option] of Object.entries(spec)) {
    const value = values[name];
    if (option.type !== 'string' || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      if (typeof one !== 'string') continue;
      const ok = one.trim() !== '' && (option.accepts?.(one) ?? true);
      if (!ok) {
        throw usageError(`--${name} takes ${option.form ?? 'a value that is not empty'}${one.trim() === '' ? '' : `, not "${shown(one)}"`}.`, { option: `--${name}` });
      }
    }
  }

  const args = parsed.positionals.slice(command?.words.length ?? 0);
  if (command) {
    const { min, max, name } = command.positionals ?? { min: 0, max: 0, name: '' };
    if (args.length < min) throw usageError(`${commandName} needs ${name}.`, { argument: name });
    if (args.length > max) {
      throw usageError(
        max === 0 ? `${commandName} takes no argument, but "${shown(args[0]!)}" was given.` : `${commandName} takes at most ${max} ${name}, but ${args.length} were given.`,
        { argument: name },
      );
    }
  }
  return { values, args };
}

/** Common value forms, shared by the commands. */
export const FORMS = {
  accountId: { form: 'a 12-digit AWS account id such as 012345678901', accepts: (v: string) => /^\s*\d{12}\s*$/.test(v) },
  role: { form: 'vault or seed', accepts: (v: string) => v === 'vault' || v === 'seed' },
  paper: { form: 'A4 or LETTER', accepts: (v: string) => /^(A4|LETTER)$/i.test(v.trim()) },
  wholeNumber: { form: 'a whole number such as 2', accepts: (v: string) => /^\s*\d{1,6}\s*$/.test(v) },
  mediumId: { form: 'a medium id such as VAULT-02 or SEEDS-01 (2 to 4 digits)', accepts: (v: string) => /^\s*(VAULT|SEEDS)-\d{2,4}\s*$/i.test(v) },
  list: { form: 'a comma-separated list such as /media/VAULT01,/media/VAULT02', accepts: (v: string) => v.split(',').some((part) => part.trim() !== '') },
} as const;
