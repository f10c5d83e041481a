/**
 * The tamper-evident bag a stick is sealed in after a write or a verification. Its serial is logged when the bag
 * is closed; at the next verification the serial read off the bag is compared with the log. A physical check
 * nobody answered is "not checked", which leaves the stick's verification incomplete, never a stored failure.
 */

export type PhysicalAnswer = 'yes' | 'no' | 'not-checked';
export type CheckStatus = 'passed' | 'failed' | 'not-checked';

/** Serials are compared as printed: case, spaces and dashes a custodian may type differently are ignored. */
export function normaliseSealSerial(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/[\s\-_.]/g, '');
}

export function isPlausibleSealSerial(raw: string): boolean {
  const serial = normaliseSealSerial(raw);
  return serial.length >= 3 && serial.length <= 40 && /^[A-Z0-9]+$/.test(serial);
}

export function judgeSeal(logged: { readonly serial: string; readonly sealedAt: string } | null, onBag: string | null): { status: CheckStatus; sentence: string } {
  const read = onBag?.trim() ? onBag.trim() : null;
  if (read === null) {
    return { status: 'not-checked', sentence: logged ? `Not checked: no serial was read off the bag (the log says ${logged.serial}).` : 'Not checked: no serial was read off the bag, and none is logged for this stick.' };
  }
  if (!logged) {
    return { status: 'not-checked', sentence: `The bag carries ${read}, but no seal is logged for this stick to compare it with. Record the seal now so the next verification can compare.` };
  }
  return normaliseSealSerial(read) === normaliseSealSerial(logged.serial)
    ? { status: 'passed', sentence: `The bag's serial ${read} matches the seal logged on ${logged.sealedAt.slice(0, 10)}.` }
    : { status: 'failed', sentence: `The bag's serial ${read} does NOT match the seal logged on ${logged.sealedAt.slice(0, 10)} (${logged.serial}): the bag was opened or swapped. Call your security lead.` };
}

export function judgeAnswer(answer: PhysicalAnswer, words: { readonly yes: string; readonly no: string; readonly unanswered: string }): { status: CheckStatus; sentence: string } {
  if (answer === 'yes') return { status: 'passed', sentence: words.yes };
  if (answer === 'no') return { status: 'failed', sentence: words.no };
  return { status: 'not-checked', sentence: words.unanswered };
}
