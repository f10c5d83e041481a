import type { ReactNode, Ref } from 'react';

export type NoticeTone = 'ok' | 'info' | 'warn' | 'error';

/**
 * The one box for anything the custodian must read: a result, a warning, an error. Errors and warnings are
 * alerts (read out at once); results and information are polite status messages. Every notice can take focus,
 * so after a failure the keyboard lands on the message instead of falling to the page body.
 */
export function Notice({
  tone,
  title,
  children,
  ref,
  className,
  role,
  label,
  data,
}: {
  readonly tone: NoticeTone;
  /** A bold first sentence, e.g. "Nothing was written." */
  readonly title?: ReactNode;
  readonly children?: ReactNode;
  readonly ref?: Ref<HTMLDivElement>;
  readonly className?: string;
  /** Defaults by tone: alert for errors and warnings, status otherwise. */
  readonly role?: 'alert' | 'status' | 'note' | 'alertdialog';
  /** An accessible name, for a notice that is a dialog or holds a whole result. */
  readonly label?: string;
  /** data-* attributes that tests and styles key on, e.g. { 'data-lost': 'VAULT-02' }. */
  readonly data?: Readonly<Record<`data-${string}`, string | number | boolean | undefined>>;
}) {
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={`notice notice-${tone}${className ? ` ${className}` : ''}`}
      role={role ?? (tone === 'error' || tone === 'warn' ? 'alert' : 'status')}
      aria-label={label}
      {...data}
    >
      {title ? <strong>{title}</strong> : null}
      {title && children ? ' ' : null}
      {children}
    </div>
  );
}
