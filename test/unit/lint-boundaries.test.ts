import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The layer boundaries are lint rules; these tests prove the rules fire, so a quiet lint run means something.
async function lintAs(filePath: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer boundaries', () => {
  it('refuses electron outside src-main/shell/', async () => {
    const messages = await lintAs('src-main/app/boundary-probe.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(messages.join('\n')).toMatch(/Only src-main\/shell\/ may import electron/);
  });

  it('allows electron inside src-main/shell/', async () => {
    const messages = await lintAs('src-main/shell/boundary-probe.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(messages.filter((m) => m.includes('electron'))).toEqual([]);
  });

  it('refuses I/O and outside layers in core/', async () => {
    const fsProbe = await lintAs('src-main/core/boundary-probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(fsProbe.join('\n')).toMatch(/no I\/O/);
    const layerProbe = await lintAs('src-main/core/boundary-probe.ts', "import { Catalog } from '../catalog/catalog';\nexport const x = Catalog;\n");
    expect(layerProbe.join('\n')).toMatch(/depends on nothing outside core/);
  });

  it('refuses node:fs in app/ and cli/, which reach files only through platform/', async () => {
    for (const file of ['src-main/app/boundary-probe.ts', 'src-main/cli/boundary-probe.ts']) {
      for (const module of ['node:fs', 'node:fs/promises', 'fs']) {
        const messages = await lintAs(file, `import { readFile } from '${module}';\nexport const x = readFile;\n`);
        expect(messages.join('\n'), `${module} in ${file}`).toMatch(/do no file I\/O themselves/);
      }
    }
    const platform = await lintAs('src-main/platform/boundary-probe.ts', "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n");
    expect(platform).toEqual([]);
    const stillNoElectron = await lintAs('src-main/app/boundary-probe.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(stillNoElectron.join('\n')).toMatch(/Only src-main\/shell\/ may import electron/);
  });

  it('finds no file-system import in app/ or cli/ in the source tree', () => {
    // grep exits 1 when it finds nothing, which is the answer wanted here.
    const out = execFileSync('sh', ['-c', "grep -rlE \"from '(node:)?fs(/promises)?'\" src-main/app src-main/cli || true"], { encoding: 'utf8' }).trim();
    expect(out.split('\n').filter(Boolean)).toEqual([]);
  });

  it('lets the renderer import types from the contract but no values from main', async () => {
    const typeOnly = await lintAs(
      'src-renderer/boundary-probe.ts',
      "import type { StrongroomApi } from '../src-main/contract/channels';\nexport type X = StrongroomApi;\n",
    );
    expect(typeOnly).toEqual([]);
    const value = await lintAs(
      'src-renderer/boundary-probe.ts',
      "import { channels } from '../src-main/contract/channels';\nexport const x = channels;\n",
    );
    expect(value.join('\n')).toMatch(/only types from the contract/);
    const mainCode = await lintAs('src-renderer/boundary-probe.ts', "import type { Catalog } from '../src-main/catalog/catalog';\nexport type X = Catalog;\n");
    expect(mainCode.join('\n')).toMatch(/may not import main-process code/);
  });

  it('finds electron imported only under src-main/shell/ in the source tree', () => {
    const out = execFileSync('grep', ['-rlE', "from 'electron'|require\\('electron'\\)", 'src-main', 'src-renderer'], {
      encoding: 'utf8',
    }).trim();
    const files = out.split('\n').filter(Boolean);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((file) => !file.startsWith('src-main/shell/'))).toEqual([]);
  });
});
