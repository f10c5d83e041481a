import type * as Kdbxweb from 'kdbxweb';
import { packageOnFirstUse } from '../core/first-use';

// kdbxweb (CommonJS, with its XML parser) takes ~80 ms to load, and every `strongroom` process imports the
// artefact modules while most commands never open a KeePass file: it is read on the first use, not at import.
// A synchronous require keeps `protect()` and the field readers synchronous, as their callers need.
/** kdbxweb, loaded on the first call. */
export const kdbxweb = packageOnFirstUse<typeof Kdbxweb>('kdbxweb');
