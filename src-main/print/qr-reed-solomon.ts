/**
 * Reed-Solomon error correction for QR codewords, over GF(256) with the field the standard fixes. Generator
 * polynomials are cached by degree, since a whole backup asks for the same few again and again.
 */

// --- Galois field GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1 -------------------------------------

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
  let x = 1;
  for (let i = 0; i < 255; i += 1) {
    EXP[i] = x;
    LOG[x] = i;
    x <<= 1;
    if (x & 0x100) x ^= 0x11d;
  }
  for (let i = 255; i < 512; i += 1) EXP[i] = EXP[i - 255]!;
}

const generators = new Map<number, Uint8Array>();

/** Coefficients (highest power first, leading 1 omitted) of the product of (x − α^i) for i below `degree`. */
function generator(degree: number): Uint8Array {
  let poly = generators.get(degree);
  if (poly) return poly;
  let current = Uint8Array.of(1);
  for (let i = 0; i < degree; i += 1) {
    const next = new Uint8Array(current.length + 1);
    for (let j = 0; j < current.length; j += 1) {
      next[j]! ^= current[j]!;
      if (current[j]) next[j + 1]! ^= EXP[LOG[current[j]!]! + i]!;
    }
    current = next;
  }
  poly = current.subarray(1);
  generators.set(degree, poly);
  return poly;
}

export function reedSolomon(data: Uint8Array, degree: number): Uint8Array {
  const gen = generator(degree);
  const remainder = new Uint8Array(degree);
  for (const byte of data) {
    const factor = byte ^ remainder[0]!;
    remainder.copyWithin(0, 1);
    remainder[degree - 1] = 0;
    if (factor === 0) continue;
    const logFactor = LOG[factor]!;
    for (let j = 0; j < degree; j += 1) {
      const coefficient = gen[j]!;
      if (coefficient !== 0) remainder[j]! ^= EXP[LOG[coefficient]! + logFactor]!;
    }
  }
  return remainder;
}

