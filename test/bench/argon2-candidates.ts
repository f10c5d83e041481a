import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DEFAULT_KDF_PARAMETERS } from '../../src-main/artefacts/kdbx-crypto';
import { interleaved, median } from './measure';

/**
 * The Argon2 implementations that were candidates for Strongroom, raced with the default settings in one
 * interleaved run (README, "Performance"). Only @node-rs/argon2 is a dependency; to rerun the race, install the
 * others without saving them:
 *
 *   npm install --no-save argon2 hash-wasm argon2id @phi-ag/argon2 @noble/hashes
 *   npm run bench -- --argon2-candidates
 *
 * Each must give the same key for the same input, or it is reported as wrong rather than timed.
 */

type Derive = (password: Uint8Array, salt: Uint8Array) => Promise<Uint8Array>;

interface Candidate {
  readonly name: string;
  readonly kind: string;
  load(): Promise<Derive>;
}

const { memoryMiB, iterations, parallelism } = DEFAULT_KDF_PARAMETERS;
const memoryKiB = memoryMiB * 1024;
const load = (name: string): Promise<Record<string, unknown>> => import(name) as Promise<Record<string, unknown>>;
/* eslint-disable @typescript-eslint/no-explicit-any -- each candidate has its own untyped interface */
const CANDIDATES: readonly Candidate[] = [
  {
    name: '@node-rs/argon2',
    kind: 'native (Rust), prebuilt N-API, lanes on threads, libuv pool',
    load: async () => {
      const m: any = await load('@node-rs/argon2');
      return (password, salt) => m.hashRaw(password, { algorithm: 2, memoryCost: memoryKiB, timeCost: iterations, parallelism, outputLen: 32, salt });
    },
  },
  {
    name: 'argon2',
    kind: 'native (reference C), prebuilt N-API via node-gyp-build, libuv pool',
    load: async () => {
      const m: any = (await load('argon2')).default;
      return (password, salt) => m.hash(Buffer.from(password), { type: m.argon2id, memoryCost: memoryKiB, timeCost: iterations, parallelism, salt: Buffer.from(salt), hashLength: 32, raw: true });
    },
  },
  {
    name: 'hash-wasm',
    kind: 'WebAssembly, one thread, on the JavaScript thread',
    load: async () => {
      const m: any = await load('hash-wasm');
      return (password, salt) => m.argon2id({ password, salt, parallelism, iterations, memorySize: memoryKiB, hashLength: 32, outputType: 'binary' });
    },
  },
  {
    name: 'argon2id',
    kind: 'WebAssembly SIMD, one thread, on the JavaScript thread',
    load: async () => {
      const require = createRequire(import.meta.url);
      const setup: any = (await load('argon2id/lib/setup.js')).default;
      // The lib lacks the DOM typings that declare WebAssembly; Node has it as a global all the same.
      const { WebAssembly: wasmApi } = globalThis as any;
      const wasm = (file: string) => (imports: unknown) => readFile(require.resolve(`argon2id/dist/${file}`)).then((b) => wasmApi.instantiate(b, imports));
      const derive: any = await setup(wasm('simd.wasm'), wasm('no-simd.wasm'));
      return async (password, salt) => derive({ password, salt, parallelism, passes: iterations, memorySize: memoryKiB, tagLength: 32 });
    },
  },
  {
    name: '@phi-ag/argon2',
    kind: 'WebAssembly SIMD, one thread, on the JavaScript thread (password as text only: unusable for KDBX)',
    load: async () => {
      const argon2: any = await (await load('@phi-ag/argon2/node') as any).default();
      return async (password, salt) => argon2.hash(Buffer.from(password).toString('hex'), { salt, hashLength: 32, timeCost: iterations, memoryCost: memoryKiB, parallelism, type: 2, version: 19 }).hash;
    },
  },
  {
    name: '@noble/hashes',
    kind: 'plain JavaScript, on the JavaScript thread',
    load: async () => {
      const m: any = await load('@noble/hashes/argon2.js');
      return async (password, salt) => m.argon2id(password, salt, { t: iterations, m: memoryKiB, p: parallelism, dkLen: 32 });
    },
  },
];
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface CandidateFigure {
  readonly name: string;
  readonly kind: string;
  readonly medianMs: number | null;
  readonly cpuMs: number | null;
  readonly note: string;
}

export async function argon2Candidates(reps: number): Promise<CandidateFigure[]> {
  const password = randomBytes(32);
  const salt = randomBytes(32);
  const loaded: { candidate: Candidate; derive: Derive }[] = [];
  const figures: CandidateFigure[] = [];
  let reference: string | null = null;
  for (const candidate of CANDIDATES) {
    let derive: Derive;
    try {
      derive = await candidate.load();
    } catch {
      figures.push({ name: candidate.name, kind: candidate.kind, medianMs: null, cpuMs: null, note: 'not installed' });
      continue;
    }
    const key = Buffer.from(await derive(password, salt)).toString('hex');
    // @phi-ag/argon2 takes the password as text, so its key differs by construction; it is timed all the same.
    if (candidate.name !== '@phi-ag/argon2') {
      reference ??= key;
      if (key !== reference) {
        figures.push({ name: candidate.name, kind: candidate.kind, medianMs: null, cpuMs: null, note: 'WRONG KEY' });
        continue;
      }
    }
    loaded.push({ candidate, derive });
  }
  const cpu: Record<string, number[]> = {};
  const times = await interleaved(
    reps,
    Object.fromEntries(
      loaded.map(({ candidate, derive }) => [
        candidate.name,
        async () => {
          const before = process.cpuUsage();
          await derive(password, salt);
          const used = process.cpuUsage(before);
          (cpu[candidate.name] ??= []).push((used.user + used.system) / 1000);
        },
      ]),
    ),
  );
  for (const { candidate } of loaded) {
    figures.push({ name: candidate.name, kind: candidate.kind, medianMs: median(times[candidate.name]!), cpuMs: median(cpu[candidate.name]!), note: '' });
  }
  return figures.sort((a, b) => (a.medianMs ?? Infinity) - (b.medianMs ?? Infinity));
}
