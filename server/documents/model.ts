// The one document model every export renders: a list of plain blocks. The minutes and the status
// report are built as a DocumentModel once; the PDF, DOCX, Markdown and HTML writers in this folder
// render any such document and know nothing of meetings or reports.

export interface Field {
  label: string;
  value: string;
}

export interface Column {
  title: string;
  /** Share of the table's width in percent; the columns of a table add up to 100. */
  width: number;
}

export interface ApprovalLine {
  party: string;
  /** "godkendt af … den …" or "ikke godkendt". */
  text: string;
}

export type Block =
  /** Level 1 is the document's title; 2 a section; 3 a part of a section (an agenda item). */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'fields'; fields: Field[] }
  /** Text whose own line breaks are kept; `label` is a bold lead such as "Beslutning". */
  | { kind: 'paragraph'; text: string; label?: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; columns: Column[]; rows: string[][] }
  /** A notice that stands out, e.g. UDKAST on a draft. */
  | { kind: 'notice'; text: string }
  | { kind: 'approvals'; lines: ApprovalLine[] }
  /** A figure only the HTML page can show (a chart); the other writers leave it out. */
  | { kind: 'figure'; name: string };

export interface DocumentModel {
  /** The file's title (PDF/DOCX metadata, the print page's <title>). */
  title: string;
  /** "Referat", "Statusrapport": the file's subject. */
  subject: string;
  /** Printed at the top of every page. */
  runningHeader: string;
  /** Printed at the foot of every page, left; the page number stands to the right. */
  runningFooter: string;
  /** When set (e.g. "UDKAST"), marked on every page. */
  watermark: string | null;
  blocks: Block[];
}

/** Every text of a document in reading order: what each writer's output must hold, in order. */
export function documentTexts(doc: DocumentModel): string[] {
  const texts: string[] = [];
  for (const b of doc.blocks) {
    switch (b.kind) {
      case 'heading':
      case 'notice':
        texts.push(b.text);
        break;
      case 'fields':
        for (const f of b.fields) texts.push(f.label, f.value);
        break;
      case 'paragraph':
        if (b.label) texts.push(b.label);
        texts.push(b.text);
        break;
      case 'list':
        texts.push(...b.items);
        break;
      case 'table':
        texts.push(...b.columns.map((c) => c.title), ...b.rows.flat());
        break;
      case 'approvals':
        for (const l of b.lines) texts.push(l.party, l.text);
        break;
      case 'figure':
        break;
    }
  }
  return texts;
}
