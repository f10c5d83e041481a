import { useEffect, useState } from 'react';
import type { MediumCardView } from '../../src-main/contract/media-views';
import { describeStick } from './use-inserted-media';

/**
 * Which inserted stick a job uses, kept valid as sticks come and go: when the chosen stick is pulled out (or
 * none is chosen yet) the first offered one is taken. `prefer` puts some sticks first, e.g. those not yet
 * verified in a run, so the choice moves on by itself once one is done.
 */
export function useStickChoice(sticks: readonly MediumCardView[], prefer?: (medium: MediumCardView) => boolean) {
  const [devicePath, setDevicePath] = useState('');
  const chosen = sticks.find((m) => m.devicePath === devicePath);
  const first = (prefer ? sticks.find(prefer) : undefined) ?? sticks[0];
  useEffect(() => {
    if (!chosen && first) setDevicePath(first.devicePath);
    else if (!chosen && !first && devicePath !== '') setDevicePath('');
  }, [chosen, first, devicePath]);
  return { devicePath: chosen?.devicePath ?? first?.devicePath ?? '', chosen: chosen ?? first ?? null, choose: setDevicePath };
}

/**
 * The one drop-down of sticks, each named by its medium id (never by its path). With no stick to offer it says
 * what to insert instead of showing an empty list.
 */
export function StickPicker({
  id,
  label,
  sticks,
  value,
  onChange,
  describe = describeStick,
  missing,
}: {
  readonly id: string;
  readonly label: string;
  readonly sticks: readonly MediumCardView[];
  readonly value: string;
  readonly onChange: (devicePath: string) => void;
  readonly describe?: (medium: MediumCardView) => string;
  /** What to do when no stick can be offered, e.g. "Insert a labelled seed stick." */
  readonly missing: string;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {sticks.length === 0 ? (
        <p className="stick-missing">{missing}</p>
      ) : (
        <select id={id} className="stick-picker" value={value} onChange={(e) => onChange(e.target.value)}>
          {sticks.map((m) => (
            <option key={m.devicePath} value={m.devicePath}>
              {describe(m)}
            </option>
          ))}
        </select>
      )}
    </>
  );
}
