import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CTAPHID_MAX_PAYLOAD,
  CtaphidMessageAssembler,
  encodeCtaphidMessage,
  parseInitResponse,
  type CtaphidMessage,
} from '../../src-main/core/ctaphid';
import { isStrongroomError } from '../../src-main/core/errors';
import { normaliseAaguid, parseGetInfoResponse } from '../../src-main/core/fido-get-info';
import { encodeCbor, type CborInput } from '../support/cbor-encode';
import { packets } from '../support/fake-hid';

const isRefusal = (error: unknown) => isStrongroomError(error) && error.code === 'HID_DEVICE_UNREADABLE';

function assemble(channel: number, reports: readonly Uint8Array[]): CtaphidMessage | null {
  const assembler = new CtaphidMessageAssembler(channel);
  for (const report of reports) {
    const message = assembler.accept(report);
    if (message) return message;
  }
  return null;
}

describe('CTAPHID framing', () => {
  // Keepalive (0x3b) is left out: it is a one-byte signal, never a message to reassemble.
  it('cuts a message into 64-byte reports the way the fake key reads them, and puts it back together', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0xfffffffe }), fc.integer({ min: 0, max: 0x7f }).filter((c) => c !== 0x3b), fc.uint8Array({ maxLength: 1200 }), (channel, command, payload) => {
        const reports = encodeCtaphidMessage(channel, command, payload);
        expect(reports.every((r) => r.length === 64)).toBe(true);
        expect(reports).toEqual(packets(channel, command, payload));
        expect(assemble(channel, reports)).toEqual({ command, payload });
      }),
      { numRuns: 300 },
    );
  });

  it('carries the largest message the protocol allows, and no larger', () => {
    const largest = new Uint8Array(CTAPHID_MAX_PAYLOAD).fill(7);
    expect(encodeCtaphidMessage(1, 0x10, largest)).toHaveLength(129);
    expect(assemble(1, encodeCtaphidMessage(1, 0x10, largest))?.payload).toEqual(largest);
    expect(() => encodeCtaphidMessage(1, 0x10, new Uint8Array(CTAPHID_MAX_PAYLOAD + 1))).toThrow(RangeError);
  });

  it('skips reports on other channels and hands keepalives back on their own', () => {
    const ours = encodeCtaphidMessage(5, 0x10, new Uint8Array(100).fill(1));
    const theirs = encodeCtaphidMessage(6, 0x10, new Uint8Array(100).fill(2));
    const keepalive = packets(5, 0x3b, Uint8Array.of(2))[0]!;
    const assembler = new CtaphidMessageAssembler(5);
    expect(assembler.accept(theirs[0]!)).toBeNull();
    expect(assembler.accept(keepalive)).toEqual({ command: 0x3b, payload: Uint8Array.of(2) });
    expect(assembler.accept(ours[0]!)).toBeNull();
    expect(assembler.accept(theirs[1]!)).toBeNull();
    expect(assembler.accept(ours[1]!)).toEqual({ command: 0x10, payload: new Uint8Array(100).fill(1) });
  });

  it('refuses continuations out of order, a length beyond the protocol, and reports of the wrong size', () => {
    const reports = encodeCtaphidMessage(5, 0x10, new Uint8Array(200));
    expect(() => assemble(5, [reports[0]!, reports[2]!])).toThrow(expect.objectContaining({ code: 'HID_DEVICE_UNREADABLE' }));
    expect(() => assemble(5, [reports[1]!])).toThrow(/continuation without a message/);
    const huge = packets(5, 0x10, new Uint8Array(0))[0]!;
    huge[5] = 0xff;
    huge[6] = 0xff;
    expect(() => assemble(5, [huge])).toThrow(/more than the protocol allows/);
    expect(() => assemble(5, [new Uint8Array(63)])).toThrow(/63 bytes/);
    expect(() => assemble(5, [reports[0]!, reports[0]!])).toThrow(/before the last one ended/);
  });

  it('never crashes or loops on arbitrary reports: each is taken, skipped or refused', () => {
    const report = fc.oneof(
      fc.uint8Array({ minLength: 64, maxLength: 64 }),
      // Mostly our channel, so the interesting paths are reached rather than skipped.
      fc.uint8Array({ minLength: 60, maxLength: 60 }).map((rest) => Uint8Array.from([0, 0, 0, 5, ...rest])),
      fc.uint8Array({ maxLength: 70 }),
    );
    fc.assert(
      fc.property(fc.array(report, { maxLength: 40 }), (reports) => {
        const assembler = new CtaphidMessageAssembler(5);
        for (const r of reports) {
          try {
            const message = assembler.accept(r);
            if (message) expect(message.payload.length).toBeLessThanOrEqual(CTAPHID_MAX_PAYLOAD);
          } catch (error) {
            if (!isRefusal(error)) throw error;
            return;
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the INIT answer: nonce, allocated channel, versions and capabilities', () => {
    const answer = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 0xaa, 0xbb, 0xcc, 0xdd, 2, 5, 4, 3, 0x05]);
    expect(parseInitResponse(answer)).toEqual({
      nonce: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8),
      channel: 0xaabbccdd,
      protocolVersion: 2,
      deviceVersion: { major: 5, minor: 4, build: 3 },
      capabilities: { wink: true, cbor: true, noMsg: false },
    });
    expect(() => parseInitResponse(answer.subarray(0, 16))).toThrow(/16 bytes/);
    const broadcast = answer.slice();
    broadcast.set([0xff, 0xff, 0xff, 0xff], 8);
    expect(() => parseInitResponse(broadcast)).toThrow(/reserved channel/);
  });
});

describe('authenticatorGetInfo', () => {
  const getInfo = (map: Map<number, CborInput>, status = 0) => Uint8Array.from([status, ...encodeCbor(map)]);
  const aaguid = Uint8Array.from(Buffer.from('cb69481e8ff7403993ec0a2729a154a8', 'hex'));

  it('takes the model AAGUID, versions, options and firmware from the answer', () => {
    const info = parseGetInfoResponse(
      getInfo(new Map<number, CborInput>([[1, ['U2F_V2', 'FIDO_2_0']], [2, ['hmac-secret']], [3, aaguid], [4, new Map<string, CborInput>([['rk', true], ['clientPin', false]])], [5, 1200], [14, 328707], [99, 'future field']])),
    );
    expect(info).toEqual({
      versions: ['U2F_V2', 'FIDO_2_0'],
      extensions: ['hmac-secret'],
      aaguid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
      options: { rk: true, clientPin: false },
      maxMsgSize: 1200,
      firmwareVersion: 328707,
    });
  });

  it('refuses an answer without versions or a proper AAGUID, an error status, and options that are not flags', () => {
    expect(() => parseGetInfoResponse(getInfo(new Map([[1, ['FIDO_2_0']]])))).toThrow(/AAGUID/);
    expect(() => parseGetInfoResponse(getInfo(new Map<number, CborInput>([[1, ['FIDO_2_0']], [3, aaguid.subarray(0, 15)]])))).toThrow(/AAGUID/);
    expect(() => parseGetInfoResponse(getInfo(new Map<number, CborInput>([[1, []], [3, aaguid]])))).toThrow(/versions/);
    expect(() => parseGetInfoResponse(getInfo(new Map<number, CborInput>([[1, [1]], [3, aaguid]])))).toThrow(/versions/);
    expect(() => parseGetInfoResponse(getInfo(new Map<number, CborInput>([[1, ['FIDO_2_0']], [3, aaguid]]), 0x2e))).toThrow(/status 0x2e/);
    expect(() => parseGetInfoResponse(getInfo(new Map<number, CborInput>([[1, ['FIDO_2_0']], [3, aaguid], [4, new Map<string, CborInput>([['rk', 1]])]])))).toThrow(/options/);
    expect(() => parseGetInfoResponse(new Uint8Array(0))).toThrow(/empty/);
  });

  it('keeps a hostile option name off the prototype', () => {
    const info = parseGetInfoResponse(getInfo(new Map<number, CborInput>([[1, ['FIDO_2_0']], [3, aaguid], [4, new Map<string, CborInput>([['__proto__', true]])]])));
    expect(Object.getPrototypeOf(info.options)).toBe(Object.prototype);
    expect(Object.keys(info.options)).toEqual(['__proto__']);
  });

  it('never crashes on arbitrary answers', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          parseGetInfoResponse(Uint8Array.from([0, ...bytes]));
        } catch (error) {
          if (!isRefusal(error)) throw error;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts an AAGUID typed with or without dashes, in any case, and nothing else', () => {
    expect(normaliseAaguid('CB69481E-8FF7-4039-93EC-0A2729A154A8')).toBe('cb69481e-8ff7-4039-93ec-0a2729a154a8');
    expect(normaliseAaguid(' cb69481e8ff7403993ec0a2729a154a8 ')).toBe('cb69481e-8ff7-4039-93ec-0a2729a154a8');
    expect(normaliseAaguid('cb69481e-8ff7-4039-93ec')).toBeNull();
    expect(normaliseAaguid('zz69481e8ff7403993ec0a2729a154a8')).toBeNull();
  });
});
