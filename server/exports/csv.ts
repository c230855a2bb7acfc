// CSV as Danish Excel and LibreOffice open it: UTF-8 with BOM, ';' between fields, every field
// quoted (RFC 4180), and no cell that a spreadsheet would run as a formula.

/** A cell starting with = + - @ (or a tab or carriage return) is prefixed with ' so it stays text. */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(';'));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
