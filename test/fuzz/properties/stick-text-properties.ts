import fc from 'fast-check';
import { decodeTextFile, findPlaintextKeePassExport, findPlaintextSeed } from '../../../src-main/core/plaintext-seeds';
import { seedArbitraries } from '../arbitraries';
import { fuzzProperty, type FuzzProperty } from '../fuzz-kit';

/** Files on a stick, as the separation scan reads them: any bytes, any text, and seeds hidden in noise. */
export const stickTextProperties: readonly FuzzProperty[] = [
  fuzzProperty(
    'stick files (seed search)',
    'any bytes are decoded or called binary, and searched, without a crash',
    fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      const text = decodeTextFile(bytes);
      if (text === null) return true;
      findPlaintextKeePassExport(text);
      const evidence = findPlaintextSeed(text);
      return evidence === null || (evidence.line >= 1 && evidence.description.length > 0);
    }),
  ),
  fuzzProperty(
    'stick files (seed search)',
    'an AWS seed in a line of its own is found whatever text surrounds it',
    fc.property(fc.string({ maxLength: 200 }), seedArbitraries.awsSeed, fc.string({ maxLength: 200 }), (before, seed, after) => findPlaintextSeed(`${before}\n${seed}\n${after}`) !== null),
  ),
];
