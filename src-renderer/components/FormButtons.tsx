/** The submit and cancel pair every inline form ends with; a dangerous action says so in its colour. */
export function FormButtons({
  submit,
  disabled,
  danger = false,
  cancel = 'Cancel',
  onCancel,
}: {
  readonly submit: string;
  readonly disabled: boolean;
  readonly danger?: boolean;
  readonly cancel?: string;
  readonly onCancel: () => void;
}) {
  return (
    <div className="row">
      <button type="submit" className={danger ? 'danger' : undefined} disabled={disabled}>
        {submit}
      </button>
      <button type="button" className="secondary" onClick={onCancel}>
        {cancel}
      </button>
    </div>
  );
}
