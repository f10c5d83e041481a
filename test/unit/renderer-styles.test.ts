import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(join(process.cwd(), 'src-renderer', 'styles.css'), 'utf8');
const COLOUR = /#[0-9a-f]{3,8}\b|\b(?:rgb|rgba|hsl|hsla)\(/gi;

describe('the window stylesheet', () => {
  it('names every colour once, in :root, and uses only the names elsewhere', () => {
    const root = /^:root\s*\{[^}]*\}/m.exec(CSS);
    expect(root).not.toBeNull();
    const outside = CSS.slice(0, root!.index) + CSS.slice(root!.index + root![0].length);
    expect(outside.match(COLOUR) ?? []).toEqual([]);
  });

  it('defines each custody role colour once and uses it for both roles’ cards', () => {
    expect(CSS.match(/--vault:/g)).toHaveLength(1);
    expect(CSS.match(/--seed:/g)).toHaveLength(1);
    expect(CSS).toMatch(/\.card-vault\s*\{[^}]*var\(--vault\)/);
    expect(CSS).toMatch(/\.card-seed\s*\{[^}]*var\(--seed\)/);
  });

  it('uses no colour name it does not define', () => {
    const defined = new Set([...CSS.matchAll(/(--[a-z-]+):/g)].map((m) => m[1]));
    const used = [...CSS.matchAll(/var\((--[a-z-]+)\)/g)].map((m) => m[1]);
    expect(used.filter((name) => !defined.has(name))).toEqual([]);
  });
});
