import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import type { StrongroomPage } from './e2e';

/** Opens the Verify screen and starts a run; resolves to the form that verifies one stick. */
export async function startVerification(ui: StrongroomPage): Promise<Locator> {
  await ui.goTo('Verify');
  await ui.page.getByRole('button', { name: 'Start a verification' }).click();
  return ui.page.getByRole('form', { name: 'Verify a stick' });
}

/** What the custodian answers about a stick's bag; `newBag` is the serial of the bag it goes into afterwards. */
export interface BagAnswers {
  readonly serial: string;
  readonly bag: 'Yes' | 'Not checked';
  readonly newBag?: string;
}

/** Chooses a stick in the verify form, types its passphrase, answers the physical checks and sends it. */
export async function verifyStick(form: Locator, mediumId: string, passphrase: string, answers: BagAnswers): Promise<void> {
  // The picker fills as the four practice sticks are read; a stick is chosen only once all are offered.
  await expect.poll(() => form.getByLabel('Stick to verify').locator('option').count(), { timeout: 60_000 }).toBe(4);
  await form.getByLabel('Stick to verify').selectOption({ label: `${mediumId} (${mediumId.startsWith('VAULT') ? 'vault' : 'seeds'})` });
  await form.getByLabel(/master passphrase/).fill(passphrase);
  await form.getByLabel('Serial printed on the tamper-evident bag').fill(answers.serial);
  await form.getByRole('radiogroup', { name: /Is the bag intact/ }).getByLabel(answers.bag).check();
  await form.getByRole('radiogroup', { name: /recorded location/ }).getByLabel('Yes').check();
  if (answers.newBag) await form.getByLabel('Serial of the new bag it goes into now (logged)').fill(answers.newBag);
  await form.getByRole('button', { name: `Verify ${mediumId}` }).click();
}
