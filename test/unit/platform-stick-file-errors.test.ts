import { describe, expect, it } from 'vitest';
import { fsFailure, writeFailure } from '../../src-main/platform/stick-file-errors';

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('what an OS error on a stick tells the custodian', () => {
  it('a stick that is gone is MEDIUM_LOST whether a read or a write met it', () => {
    for (const code of ['ENOTCONN', 'ENODEV', 'ENXIO', 'ESHUTDOWN', 'ECONNABORTED']) {
      const read = fsFailure(errno(code), 'SEEDS-01', 'STRONGROOM/seeds.kdbx');
      expect(read.code, code).toBe('MEDIUM_LOST');
      expect(read.message).toMatch(/went away \(pulled out\) or stopped responding/);
      expect(read.message).not.toContain(code);
      expect(writeFailure(errno(code), 'SEEDS-01', 'STRONGROOM/seeds.kdbx').code, code).toBe('MEDIUM_LOST');
    }
  });

  it('an I/O error on a read is a stick that may be failing, not one known to be gone', () => {
    const read = fsFailure(errno('EIO'), 'SEEDS-01', 'STRONGROOM/seeds.kdbx');
    expect(read.code).toBe('MEDIUM_UNREADABLE');
    expect(read.message).toMatch(/may be failing or was pulled out/);
  });

  it('an error it has no words for is still a sentence with what to do, naming the errno only in brackets', () => {
    const read = fsFailure(errno('EWEIRD'), 'VAULT-01', 'STRONGROOM/vault.kdbx');
    expect(read.code).toBe('MEDIUM_UNREADABLE');
    expect(read.message).toMatch(/cannot be read \(EWEIRD\)\. Reinsert the stick/);
  });
});
