/** Seconds left before a one-time code changes; goes red in the last seconds so nobody types a dying code. */
export function Countdown({ secondsLeft, period = 30 }: { readonly secondsLeft: number; readonly period?: number }) {
  const low = secondsLeft <= 5;
  return (
    <div className={low ? 'countdown countdown-low' : 'countdown'}>
      <progress className="countdown-bar" max={period} value={secondsLeft} aria-hidden="true" />
      <span className="countdown-text">
        {secondsLeft} {secondsLeft === 1 ? 'second' : 'seconds'} left
      </span>
    </div>
  );
}
