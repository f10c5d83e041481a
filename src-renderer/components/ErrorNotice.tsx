import type { ChannelError } from '../api';
import { humanise } from '../error-messages';

export function ErrorNotice({ error }: { readonly error: ChannelError | null }) {
  if (!error) return null;
  const human = humanise(error);
  return (
    <div className="notice notice-error" role="alert" data-error-code={human.code}>
      <strong>{human.title}.</strong> {human.next}
      {human.detail && human.detail !== human.title ? <div className="notice-detail">{human.detail}</div> : null}
    </div>
  );
}
