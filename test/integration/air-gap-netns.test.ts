import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The real probe against the real kernel, in a network namespace of its own (so the test machine's own network
 * is not touched): a veth pair brought up with IPv6 off has a link and no address at all, which is exactly the
 * "cable plugged in, no DHCP lease yet" kiosk.
 */

const NS = `strongroom-airgap-${process.pid}`;
const ip = (...args: string[]) => spawnSync('ip', args, { encoding: 'utf8' });
const netnsUnavailable = process.getuid?.() !== 0 ? 'needs root' : ip('netns', 'add', NS).status !== 0 ? 'ip netns is not available' : null;
if (netnsUnavailable) console.warn(`Skipping the network-namespace air-gap test: ${netnsUnavailable}`);

let work: string;
let probeScript: string;

beforeAll(async () => {
  if (netnsUnavailable) return;
  work = mkdtempSync(join(tmpdir(), 'strongroom-netns-'));
  const entry = join(work, 'entry.ts');
  writeFileSync(
    entry,
    `import { judgeAirGap } from ${JSON.stringify(join(process.cwd(), 'src-main/core/air-gap.ts'))};
import { createNetworkProbe } from ${JSON.stringify(join(process.cwd(), 'src-main/platform/network-probe.ts'))};
const interfaces = createNetworkProbe('linux').activeInterfaces();
process.stdout.write(JSON.stringify({ interfaces, verdict: judgeAirGap(interfaces) }));
`,
  );
  probeScript = join(work, 'probe.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', outfile: probeScript, logLevel: 'silent' });
});

afterAll(() => {
  if (netnsUnavailable) return;
  ip('netns', 'del', NS);
  rmSync(work, { recursive: true, force: true });
});

function probeInNamespace(): { interfaces: { name: string; addresses: string[]; linkUp: boolean }[]; verdict: { isolated: boolean; sentence: string } } {
  const run = spawnSync('ip', ['netns', 'exec', NS, process.execPath, probeScript], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

function inNamespace(command: string): void {
  const run = spawnSync('ip', ['netns', 'exec', NS, 'sh', '-c', command], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
}

describe.skipIf(netnsUnavailable !== null)('the air gap on a real kernel', () => {
  it('calls a namespace with only loopback isolated, and one with a live link but no address connected', () => {
    expect(probeInNamespace().verdict.isolated).toBe(true);

    inNamespace('sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1 && ip link add sr-a type veth peer name sr-b && ip link set sr-a up && ip link set sr-b up');
    const withLink = probeInNamespace();
    expect(withLink.interfaces.filter((i) => i.name === 'sr-a' || i.name === 'sr-b')).toEqual([
      { name: 'sr-a', addresses: [], linkUp: true },
      { name: 'sr-b', addresses: [], linkUp: true },
    ]);
    expect(withLink.verdict).toMatchObject({ isolated: false, sentence: expect.stringMatching(/sr-a \(link up, no address yet\)/) });

    // A link that goes down again (cable pulled) no longer counts.
    inNamespace('ip link set sr-b down && ip link set sr-a down');
    expect(probeInNamespace().verdict.isolated).toBe(true);
  });
});
