import { useEffect, useState } from 'react';
import type { MediumCardView } from '../../src-main/contract/media-views';
import { describeStick } from './use-inserted-media';

/** The stick a job uses: its device path ('' while none is inserted), its card, and how to choose another. */
export interface StickChoice {
  readonly devicePath: string;
  readonly chosen: MediumCardView | null;
  readonly choose: (devicePath: string) => void;
}

/**
 * Which inserted stick a job uses, kept valid as sticks come and go: when the chosen stick is pulled out (or
 * none is chosen yet) the first offered one is taken. `prefer` puts some sticks first, e.g. those not yet
 * verified in a run, so the choice moves on by itself once one is done.
 */
export function useStickChoice(sticks: readonly MediumCardView[], prefer?: (medium: MediumCardView) => boolean): StickChoice {
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
  choice,
  describe = describeStick,
  missing,
}: {
  readonly id: string;
  readonly label: string;
  readonly sticks: readonly MediumCardView[];
  /** The choice from useStickChoice that this drop-down shows and changes. */
  readonly choice: Pick<StickChoice, 'devicePath' | 'choose'>;
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
        <select id={id} className="stick-picker" value={choice.devicePath} onChange={(e) => choice.choose(e.target.value)}>
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
