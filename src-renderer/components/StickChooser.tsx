import type { MediumCardView, MediumRole } from '../../src-main/contract/media-views';
import { describeStick } from './use-inserted-media';

/**
 * The sticks a write goes to: every inserted stick of the role this kiosk knows, ticked by default. Unticking a
 * stick leaves it behind (it keeps its older generation and is listed as behind), as when it refused a write.
 */
export function StickChooser({
  role,
  sticks,
  excluded,
  onChange,
}: {
  readonly role: MediumRole;
  readonly sticks: readonly MediumCardView[];
  readonly excluded: ReadonlySet<string>;
  readonly onChange: (excluded: ReadonlySet<string>) => void;
}) {
  if (sticks.length === 0) return <strong className="warn">none inserted — insert a {role} stick</strong>;
  return (
    <ul className="stick-choice">
      {sticks.map((m) => {
        const id = m.label!.mediumId;
        return (
          <li key={m.devicePath}>
            <label>
              <input
                type="checkbox"
                checked={!excluded.has(id)}
                onChange={(e) => {
                  const next = new Set(excluded);
                  if (e.target.checked) next.delete(id);
                  else next.add(id);
                  onChange(next);
                }}
              />{' '}
              {describeStick(m)}
            </label>
          </li>
        );
      })}
    </ul>
  );
}
