import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { channelNames } from '../../src-main/contract/channels';
import type { Dispatch } from '../../src-main/contract/dispatch';
import { CONTENT_SECURITY_POLICY } from '../../src-main/shell/content-security-policy';

/**
 * The second binding of the IPC contract: the same dispatcher the Electron shell registers, served over HTTP so
 * Playwright can drive the real renderer against the real app/ layer in Debian's Chromium. Test-only: it lives
 * under test/, is never packaged, binds loopback only, and every request must carry a random token in its path.
 */
export interface BrowserHarness {
  /** Open this in the browser: http://127.0.0.1:<port>/<token>/index.html */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly dispatch: Dispatch;
  readonly rendererDir: string;
  readonly host?: string;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
};

export function isLoopbackHost(host: string): boolean {
  if (host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export async function startBrowserHarness(options: HarnessOptions): Promise<BrowserHarness> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new Error(`The test harness binds loopback only; refusing to listen on ${host}.`);
  }
  const token = randomBytes(24).toString('hex');
  const prefix = `/${token}/`;
  const root = normalize(options.rendererDir + sep);
  const bridge = bridgeScript();

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => send(response, 500, 'text/plain', 'harness error'));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const address = server.address() as AddressInfo;
    // A page on another origin could reach loopback through DNS rebinding; insist on the exact host we bound.
    const expectedHost = `${address.family === 'IPv6' ? `[${host}]` : host}:${address.port}`;
    if (request.headers.host !== expectedHost) return send(response, 403, 'text/plain', 'wrong host');
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (!path.startsWith(prefix)) return send(response, 403, 'text/plain', 'token required');
    const rest = path.slice(prefix.length);

    if (rest.startsWith('api/')) {
      if (request.method !== 'POST') return send(response, 405, 'text/plain', 'POST only');
      if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(response, 415, 'text/plain', 'JSON only');
      }
      let body: unknown = {};
      const raw = await readBody(request);
      try {
        body = raw.length ? JSON.parse(raw) : {};
      } catch {
        return send(response, 400, 'text/plain', 'bad JSON');
      }
      const result = await options.dispatch(rest.slice('api/'.length), body);
      return send(response, 200, 'application/json', JSON.stringify(result));
    }
    if (rest === 'harness-bridge.js') return send(response, 200, MIME['.js']!, bridge);

    const relative = decodeURIComponent(rest === '' ? 'index.html' : rest);
    const file = normalize(join(root, relative));
    if (!file.startsWith(root)) return send(response, 404, 'text/plain', 'not found');
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return send(response, 404, 'text/plain', 'not found');
    }
    if (relative === 'index.html') {
      // The bridge must define window.strongroom before the app's module script runs; classic scripts do.
      content = Buffer.from(
        content.toString('utf8').replace('<head>', '<head>\n    <script src="./harness-bridge.js"></script>'),
      );
    }
    return send(response, 200, MIME[extname(file)] ?? 'application/octet-stream', content);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: `${origin}${prefix}index.html`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 8 * 1024 * 1024) request.destroy(new Error('request too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** window.strongroom for the browser: the same channel names as the preload, each a POST to the harness. */
function bridgeScript(): string {
  return `'use strict';
(() => {
  const names = ${JSON.stringify(channelNames)};
  const call = (name) => (request) =>
    fetch('./api/' + name, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request ?? {}) })
      .then((response) => response.json());
  Object.defineProperty(window, 'strongroom', { value: Object.freeze(Object.fromEntries(names.map((n) => [n, call(n)]))) });
})();
`;
}
