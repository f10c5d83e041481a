/** The error code an action is refused with, 'no error' when it succeeds: for tests that list many refusals. */
export async function refusalCode(action: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'no error';
}
