import type { PrinterChoiceView } from '../../src-main/contract/print-views';

/** The printers the kiosk knows, default marked; used wherever a document is sent to paper. */
export function PrinterPicker({ id, choice, value, onChange }: { id: string; choice: PrinterChoiceView; value: string; onChange: (name: string) => void }) {
  return (
    <>
      <label htmlFor={id}>Printer</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {choice.printers.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name}
            {p.isDefault ? ' (default)' : ''}
          </option>
        ))}
      </select>
    </>
  );
}
