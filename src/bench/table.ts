/** A column of a plain-text table. */
export interface Column {
  readonly header: string;
  /** Numbers read best right-aligned. @default 'right' */
  readonly align?: 'left' | 'right';
}

/**
 * Plain space-aligned columns, like the project's other reports (eval, train): they paste into an
 * issue or a Markdown code block as they are. Hand-written because it is a dozen lines of padding;
 * a table library (cli-table3) would draw box characters that CI logs and READMEs do not want.
 */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, i) => Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        const width = widths[i] ?? 0;
        return (column.align ?? 'right') === 'left' ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), ...rows.map(line)].join('\n');
}

/** Milliseconds with two decimals (cache hits are hundredths of a millisecond). */
export const ms = (value: number): string => value.toFixed(2);

/** Whole numbers with thousands separators, fixed to `en-US` so reports do not change with the locale. */
export const whole = (value: number): string => Math.round(value).toLocaleString('en-US');

/** Megabytes, or a dash when the figure could not be taken. */
export const mb = (value: number | null): string => (value === null ? '–' : value.toFixed(0));
