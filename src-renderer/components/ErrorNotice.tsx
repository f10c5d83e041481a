import type { Ref } from 'react';
import type { ChannelError } from '../api';
import { humanise } from '../error-messages';
import { Notice } from './Notice';

/** A failure from main, in the custodian's words (error-messages.ts), with main's own sentence underneath. */
export function ErrorNotice({ error, ref }: { readonly error: ChannelError | null; readonly ref?: Ref<HTMLDivElement> }) {
  if (!error) return null;
  const human = humanise(error);
  return (
    <Notice tone="error" ref={ref} title={`${human.title}.`} data={{ 'data-error-code': human.code }}>
      {human.next}
      {human.detail && human.detail !== human.title ? <div className="notice-detail">{human.detail}</div> : null}
    </Notice>
  );
}
