// A simple document model for reports (headings, paragraphs, lists, tables) that the status
// report page, its PDF and its DOCX all render, so the three carry the same content.

export type Block =
  | { kind: 'p'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; columns: string[]; rows: string[][] };

export interface ReportSection {
  heading: string;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  subtitle: string;
  sections: ReportSection[];
}
