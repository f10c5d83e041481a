import type { ReactNode } from 'react';

/** For a job this version cannot do yet: say so plainly and say what the custodian can do today. */
export function NotInThisVersion({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{title}</h1>
      <div className="notice notice-info" role="status">
        <strong>This version of Strongroom cannot do this job yet.</strong>
      </div>
      <div className="today">{children}</div>
    </section>
  );
}
