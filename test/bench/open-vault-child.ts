import { readFile } from 'node:fs/promises';
import { protect } from '../../src-main/artefacts/strongroom-kdbx';
import { openVaultFile } from '../../src-main/artefacts/vault-file';

/**
 * A whole process that opens a vault the way Strongroom does, for comparison with a whole `keepassxc-cli` process:
 * start, read the file, read the passphrase from standard input, derive the key, decrypt, print the entry count.
 */
const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: open-vault-child FILE  (passphrase on standard input)');
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const passphrase = Buffer.concat(chunks).toString('utf8').split('\n')[0] ?? '';
const opened = await openVaultFile(await readFile(file), protect(passphrase));
process.stdout.write(`${opened.entries.length}\n`);
