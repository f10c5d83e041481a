import { createRequire } from 'node:module';
import type * as Kdbxweb from 'kdbxweb';

// kdbxweb (CommonJS, with its XML parser) takes ~80 ms to load, and every `strongroom` process imports the
// artefact modules while most commands never open a KeePass file: it is read on the first use, not at import.
// A synchronous require keeps `protect()` and the field readers synchronous, as their callers need.
const requireHere = createRequire(import.meta.url);
let loaded: typeof Kdbxweb | undefined;

/** kdbxweb, loaded on the first call. */
export function kdbxweb(): typeof Kdbxweb {
  loaded ??= requireHere('kdbxweb') as typeof Kdbxweb;
  return loaded;
}
