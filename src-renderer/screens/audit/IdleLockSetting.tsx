const IDLE_CHOICES = [1, 2, 3, 5, 10, 15, 30] as const;

/** How long the kiosk waits without input before it locks (and wipes what is open); kept on the Audit screen's top. */
export function IdleLockSetting({ minutes, onChange }: { minutes: number; onChange: (minutes: number) => void }) {
  return (
    <section className="card idle-lock" aria-labelledby="idle-lock-title">
      <h2 id="idle-lock-title">Kiosk lock</h2>
      <label htmlFor="idle-lock">Lock the kiosk after this long without keyboard or mouse input</label>
      <select id="idle-lock" value={minutes} onChange={(event) => onChange(Number(event.target.value))}>
        {IDLE_CHOICES.map((m) => (
          <option key={m} value={m}>
            {m} {m === 1 ? 'minute' : 'minutes'}
          </option>
        ))}
      </select>
      <p className="hint">Open secrets are wiped when it locks. Changing this is recorded on the trail.</p>
    </section>
  );
}
