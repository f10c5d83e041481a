import { createRequire } from 'node:module';

/**
 * Packages read when a command first needs them, not when a `strongroom` process imports the modules that use
 * them: kdbxweb, otplib, pdfkit, zod's lsblk schema and shamir-secret-sharing each cost milliseconds to tens of
 * milliseconds to load, and most commands use few of them. The require is synchronous (no I/O of the kiosk's own,
 * only the package), so the functions that use a package stay synchronous, as their callers need.
 */

const requireHere = createRequire(import.meta.url);

/** A value built on the first call and kept for the life of the process. */
export function onFirstUse<T>(build: () => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

/** A package, read now; call it inside `onFirstUse` (or use `packageOnFirstUse`). */
export function requirePackage<T>(name: string): T {
  return requireHere(name) as T;
}

/** A package, read on the first call. */
export function packageOnFirstUse<T>(name: string): () => T {
  return onFirstUse(() => requirePackage<T>(name));
}
