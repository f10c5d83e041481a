import { usageError } from './cli-options';
import type { CliContext } from './cli-command';

/** "a, b,c" → ['a', 'b', 'c']. */
export function listOption(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : [];
}

export function textOption(context: CliContext, name: string): string | undefined {
  const value = context.options[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A required option is a usage error when missing, like every other option mistake (exit 2). */
export function requiredOption(context: CliContext, name: string, usage?: string): string {
  const value = textOption(context, name);
  if (value === undefined) throw usageError(`--${name} is needed.${usage ? ` Usage: strongroom ${usage}` : ''}`, { option: `--${name}` });
  return value;
}
