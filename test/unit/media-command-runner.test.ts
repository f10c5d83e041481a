import { describe, expect, it } from 'vitest';
import { createNodeCommandRunner } from '../../src-main/platform/command-runner';

describe('the command runner the OS adapters use', () => {
  const runner = createNodeCommandRunner({ timeoutMs: 10_000 });

  it('passes arguments without a shell, so a hostile volume label stays one argument', async () => {
    const label = 'VAULT"; touch /tmp/owned; echo "';
    const result = await runner(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', label]);
    expect(result).toEqual({ stdout: JSON.stringify([label]), stderr: '', code: 0 });
  });

  it('runs tools in the C locale so their output reads the same on every kiosk', async () => {
    const result = await runner(process.execPath, ['-e', 'process.stdout.write(process.env.LC_ALL ?? "")']);
    expect(result.stdout).toBe('C');
  });

  it('reports a missing program as exit code 127, like a shell', async () => {
    const result = await runner('strongroom-no-such-tool', []);
    expect(result.code).toBe(127);
  });

  it('returns the exit code and stderr of a failing tool', async () => {
    const result = await runner(process.execPath, ['-e', 'process.stderr.write("lsblk: failed\\n"); process.exit(3)']);
    expect(result).toMatchObject({ code: 3, stderr: 'lsblk: failed\n' });
  });
});
