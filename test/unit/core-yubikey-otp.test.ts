import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStrongroomError } from '../../src-main/core/errors';
import {
  checkOtpAnswer,
  CRC_OK_RESIDUE,
  decodeOtpSerial,
  encodeOtpFrame,
  OtpResponseAssembler,
  padChallengeLikeKeepassxc,
  parseOtpStatus,
  yubikeyCrc16,
} from '../../src-main/core/yubikey-otp';

/** What the key appends to an answer: the ones' complement of the CRC, low byte first. */
function withKeyCrc(data: Uint8Array): Uint8Array {
  const check = ~yubikeyCrc16(data) & 0xffff;
  const whole = new Uint8Array(Math.ceil((data.length + 2) / 7) * 7);
  whole.set(data);
  whole[data.length] = check & 0xff;
  whole[data.length + 1] = check >> 8;
  return whole;
}

describe('YubiKey OTP frames', () => {
  it('computes the CRC-16 the key uses (CRC-16/X.25 check value before its final inversion)', () => {
    // The published X.25 check value for "123456789" is 0x906e, which is the ones' complement of this register.
    expect(~yubikeyCrc16(new TextEncoder().encode('123456789')) & 0xffff).toBe(0x906e);
  });

  it('any answer followed by its complemented CRC leaves the residue the key and host check for', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
        const check = ~yubikeyCrc16(data) & 0xffff;
        expect(yubikeyCrc16(Uint8Array.from([...data, check & 0xff, check >> 8]))).toBe(CRC_OK_RESIDUE);
      }),
    );
  });

  it('writes a command as 8-byte reports with the write flag and sequence, skipping empty middle parts', () => {
    const reports = encodeOtpFrame(0x10);
    // Payload all zero: only the first part and the last (slot byte, CRC) travel.
    expect(reports.map((r) => r[7])).toEqual([0x80, 0x89]);
    expect(reports[1]!.slice(0, 7)).toEqual(Uint8Array.of(0, 0x10, 0xff & yubikeyCrc16(new Uint8Array(64)), yubikeyCrc16(new Uint8Array(64)) >> 8, 0, 0, 0));
    const full = encodeOtpFrame(0x38, new Uint8Array(64).fill(0x41));
    expect(full).toHaveLength(10);
    expect(full.map((r) => r[7])).toEqual([0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89]);
    expect(() => encodeOtpFrame(0x30, new Uint8Array(65))).toThrow(RangeError);
  });

  it('reads the status block: firmware, programming sequence, configured slots and touch', () => {
    expect(parseOtpStatus(Uint8Array.of(0, 5, 4, 3, 7, 0x0b, 0, 0))).toEqual({
      firmware: { major: 5, minor: 4, build: 3 },
      programmingSequence: 7,
      slot1Configured: true,
      slot2Configured: true,
      slot1NeedsTouch: false,
      slot2NeedsTouch: true,
    });
  });

  it('collects an answer part by part and checks its length and CRC', () => {
    const answer = withKeyCrc(Uint8Array.of(0x00, 0xbc, 0x61, 0x4e));
    const assembler = new OtpResponseAssembler();
    expect(assembler.accept(Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0x20 | 15))).toEqual({ kind: 'wait', touch: true });
    expect(assembler.accept(Uint8Array.of(...answer, 0x40))).toEqual({ kind: 'chunk' });
    const done = assembler.accept(Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0x40));
    expect(done.kind).toBe('done');
    const data = checkOtpAnswer((done as { data: Uint8Array }).data, 4);
    expect(decodeOtpSerial(data)).toBe(12345678);
  });

  it('refuses an answer whose CRC is wrong, that is too long, or that arrives out of sequence', () => {
    const answer = withKeyCrc(new Uint8Array(20).fill(3));
    const corrupt = answer.slice();
    corrupt[5] = (corrupt[5] ?? 0) ^ 1;
    expect(() => checkOtpAnswer(corrupt, 20)).toThrow(/checksum/);
    expect(() => checkOtpAnswer(answer.subarray(0, 21), 20)).toThrow(/21 bytes where 28/);
    const assembler = new OtpResponseAssembler();
    assembler.accept(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 0x40));
    expect(() => assembler.accept(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 0x42))).toThrow(/part 2 where 1/);
    const stopped = new OtpResponseAssembler();
    stopped.accept(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 0x40));
    expect(() => stopped.accept(Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0))).toThrow(/half way/);
  });

  it('never takes more than ten parts, and never crashes on arbitrary reports', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ minLength: 7, maxLength: 9 }), { maxLength: 40 }), (reports) => {
        const assembler = new OtpResponseAssembler();
        for (const report of reports) {
          try {
            const reading = assembler.accept(report);
            if (reading.kind === 'done') expect(reading.data.length).toBeLessThanOrEqual(70);
          } catch (error) {
            if (isStrongroomError(error) && error.code === 'HID_DEVICE_UNREADABLE') return;
            throw error;
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('pads a challenge to 64 bytes as KeePassXC does (n bytes of value n)', () => {
    const padded = padChallengeLikeKeepassxc(new Uint8Array(32).fill(0xaa));
    expect(padded).toHaveLength(64);
    expect([...padded.subarray(32)]).toEqual(new Array(32).fill(32));
    expect(padChallengeLikeKeepassxc(new Uint8Array(64).fill(1))).toEqual(new Uint8Array(64).fill(1));
    expect(() => padChallengeLikeKeepassxc(new Uint8Array(65))).toThrow(RangeError);
  });
});
