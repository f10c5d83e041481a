import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHarness, type BrowserHarness } from '../harness/browser-harness';

function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser test harness', () => {
  let harness: BrowserHarness;
  const calls: string[] = [];
  beforeAll(async () => {
    harness = await startBrowserHarness({
      dispatch: async (channel) => {
        calls.push(channel);
        return { ok: true, value: null };
      },
      rendererDir: 'dist/renderer',
    });
  });
  afterAll(() => harness.close());

  it('refuses to listen anywhere but loopback', async () => {
    await expect(startBrowserHarness({ dispatch: async () => ({ ok: true, value: null }), rendererDir: '.', host: '0.0.0.0' })).rejects.toThrow(/loopback only/);
  });

  it('binds 127.0.0.1 on a random port with a long random token', () => {
    expect(harness.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(harness.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('refuses every request without the token, even for static files', async () => {
    expect(await get(`${harness.origin}/index.html`)).toBe(403);
    expect(await get(`${harness.origin}/${'0'.repeat(48)}/index.html`)).toBe(403);
    const response = await fetch(`${harness.origin}/api/signIn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    expect(await get(harness.url, { host: 'attacker.example:80' })).toBe(403);
  });

  it('passes contract calls with the token to the dispatcher', async () => {
    const response = await fetch(`${harness.origin}/${harness.token}/api/sessionStatus`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await response.json()).toEqual({ ok: true, value: null });
    expect(calls).toEqual(['sessionStatus']);
  });
});
