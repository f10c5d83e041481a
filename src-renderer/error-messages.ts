import type { ChannelError, ErrorCode } from '../src-main/contract/result';

export interface HumanError {
  readonly title: string;
  readonly next: string;
}

/**
 * Every error code, in words a custodian at the safe understands, with what to do next. Main's message (shown
 * under the title) names the particular stick, file or account. A unit test holds this table complete.
 */
export const HUMAN_ERRORS: Partial<Record<ErrorCode, HumanError>> = {
  BAD_REQUEST: { title: 'That request was not understood', next: 'Check what you typed and try again.' },
  UNKNOWN_CHANNEL: { title: 'This version of Strongroom cannot do that', next: 'Restart Strongroom. If it repeats, call the Strongroom owner.' },
  INTERNAL: { title: 'Something went wrong inside Strongroom', next: 'Nothing was written. Try again; if it repeats, note the time and call the Strongroom owner.' },
  NOT_SIGNED_IN: { title: 'Nobody is signed in', next: 'Say who is at the kiosk first.' },
  SESSION_LOCKED: { title: 'The kiosk locked itself', next: 'It was idle for a while. Say who is at the kiosk to carry on.' },
  INVALID_CUSTODIAN_NAME: { title: 'That name cannot be used', next: 'Type your full name as colleagues know it.' },
  AUDIT_CHAIN_BROKEN: { title: 'The audit trail has been altered', next: 'Stop and call your security lead. Do not write any medium until the trail is explained.' },
  CATALOG_UNAVAILABLE: { title: 'The kiosk catalog cannot be opened', next: 'Call the Strongroom owner; the media and paper copies are not affected.' },
  INVALID_SETTING: { title: 'That setting is not allowed', next: 'Choose a value inside the range shown.' },
  NETWORK_UP: { title: 'This kiosk is connected to a network', next: 'Unplug the network cable and switch off Wi-Fi, then try again.' },
};

export function humanise(error: ChannelError): HumanError & { readonly code: ErrorCode; readonly detail: string } {
  const known = HUMAN_ERRORS[error.code] ?? { title: 'Strongroom could not do that', next: error.message };
  return { ...known, code: error.code, detail: error.message };
}
