import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs on the Node major that Electron 45 bundles', () => {
    expect(Number(process.versions.node.split('.')[0])).toBe(22);
  });
});
