/**
 * The header row of a data table. `action` adds a last column for each row's button: it has no visible heading,
 * but a screen reader still names it, so moving across a row says what the button column is.
 */
export function ColumnHeads({ columns, action = false }: { readonly columns: readonly string[]; readonly action?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
        {action ? (
          <th scope="col">
            <span className="visually-hidden">Action</span>
          </th>
        ) : null}
      </tr>
    </thead>
  );
}
