// The Word writer: WordprocessingML written block by block into a streamed zip (yazl), so even the
// largest referat costs little memory. Real headings, lists and tables; Danish as the document
// language; one font; sized table columns; "Side X af Y" in the footer; opens in Word and LibreOffice.
import { Readable, type Writable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { Block, DocumentModel } from './model';
import { cleanText } from './text';

const FONT = 'Calibri';
const LANGUAGE = 'da-DK';
/** A4 less margins of one inch on each side, in twentieths of a point. */
const TEXT_WIDTH = 11906 - 2 * 1440;
const STYLE = { 1: 'Title', 2: 'Heading1', 3: 'Heading2' } as const;
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function esc(text: string): string {
  return cleanText(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** One run; the text's own line breaks as w:br (Word shows a newline inside w:t as a space). */
function run(text: string, props = ''): string {
  const lines = esc(text).split('\n');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}${lines.map((l, i) => `${i ? '<w:br/>' : ''}<w:t xml:space="preserve">${l}</w:t>`).join('')}</w:r>`;
}

function para(runs: string, pPr = ''): string {
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${runs}</w:p>`;
}

const spacing = (before: number, after: number) => `<w:spacing w:before="${before}" w:after="${after}"/>`;
const bullet = '<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>';

function table(b: Extract<Block, { kind: 'table' }>): string {
  const widths = b.columns.map((c) => Math.round((c.width / 100) * TEXT_WIDTH));
  const cell = (text: string, i: number, header: boolean) =>
    `<w:tc><w:tcPr><w:tcW w:w="${widths[i]}" w:type="dxa"/>${header ? '<w:shd w:val="clear" w:color="auto" w:fill="E8ECEF"/>' : ''}</w:tcPr>${para(run(text, `${header ? '<w:b/>' : ''}<w:sz w:val="20"/>`), spacing(0, 0))}</w:tc>`;
  const row = (cells: string[], header: boolean) => `<w:tr><w:trPr><w:cantSplit/>${header ? '<w:tblHeader/>' : ''}</w:trPr>${cells.map((c, i) => cell(c, i, header)).join('')}</w:tr>`;
  return (
    para(run(b.caption, '<w:b/>'), `<w:keepNext/>${spacing(120, 60)}`) +
    `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="${TEXT_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
    row(b.columns.map((c) => c.title), true) +
    b.rows.map((r) => row(r, false)).join('') +
    '</w:tbl>' +
    para('', spacing(0, 120))
  );
}

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return para(run(b.text), `<w:pStyle w:val="${STYLE[b.level]}"/><w:keepNext/>`);
    case 'notice':
      return para(run(b.text, '<w:b/><w:color w:val="C0392B"/>'), spacing(0, 120));
    case 'fields':
      return b.fields.map((f, i) => para(run(`${f.label}: `, '<w:b/>') + run(f.value), spacing(0, i === b.fields.length - 1 ? 160 : 40))).join('');
    case 'paragraph':
      return (b.label ? para(run(`${b.label}:`, '<w:b/>'), `<w:keepNext/>${spacing(0, 40)}`) : '') + para(run(b.text), spacing(0, 160));
    case 'list':
      return b.items.map((item) => para(run(item), bullet)).join('');
    case 'table':
      return table(b);
    case 'approvals':
      return b.lines.map((l) => para(run(`${l.party}: `, '<w:b/>') + run(l.text), bullet)).join('');
    case 'figure':
      return '';
  }
}

function* documentXml(doc: DocumentModel): Generator<string> {
  yield `${XML}<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>`;
  for (const b of doc.blocks) yield block(b);
  yield '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/><w:footerReference w:type="default" r:id="rIdFooter"/>' +
    '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>';
}

const small = '<w:color w:val="4F5B66"/><w:sz w:val="16"/>';
const field = (name: string) =>
  `<w:r><w:rPr>${small}</w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr>${small}</w:rPr><w:instrText xml:space="preserve">${name}</w:instrText></w:r>` +
  `<w:r><w:rPr>${small}</w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr>${small}</w:rPr><w:fldChar w:fldCharType="end"/></w:r>`;

function headerXml(doc: DocumentModel): string {
  const mark = doc.watermark ? run(` · ${doc.watermark}`, '<w:b/><w:color w:val="C0392B"/><w:sz w:val="16"/>') : '';
  return `${XML}<w:hdr xmlns:w="${W}" xmlns:r="${R}">${para(run(doc.runningHeader, small) + mark)}</w:hdr>`;
}

function footerXml(doc: DocumentModel): string {
  const runs = run(doc.runningFooter, small) + `<w:r><w:rPr>${small}</w:rPr><w:tab/></w:r>` + run('Side ', small) + field('PAGE') + run(' af ', small) + field('NUMPAGES');
  return `${XML}<w:ftr xmlns:w="${W}" xmlns:r="${R}">${para(runs, `<w:tabs><w:tab w:val="right" w:pos="${TEXT_WIDTH}"/></w:tabs>`)}</w:ftr>`;
}

const rPrBase = `<w:rFonts w:ascii="${FONT}" w:hAnsi="${FONT}" w:eastAsia="${FONT}" w:cs="${FONT}"/><w:lang w:val="${LANGUAGE}" w:eastAsia="${LANGUAGE}" w:bidi="ar-SA"/>`;
const heading = (id: string, name: string, size: number, before: number, after: number, outline: number | null) =>
  `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
  `<w:pPr><w:keepNext/>${spacing(before, after)}${outline === null ? '' : `<w:outlineLvl w:val="${outline}"/>`}</w:pPr><w:rPr><w:b/><w:color w:val="1D2329"/><w:sz w:val="${size}"/></w:rPr></w:style>`;

const STYLES =
  `${XML}<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr>${rPrBase}<w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:rPrDefault>` +
  `<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
  `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
  heading('Title', 'Title', 36, 0, 200, null) +
  heading('Heading1', 'heading 1', 28, 360, 120, 0) +
  heading('Heading2', 'heading 2', 24, 240, 80, 1) +
  `<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>` +
  `<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
  `<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>` +
  ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="9AA5B1"/>`).join('') +
  `</w:tblBorders></w:tblPr></w:style></w:styles>`;

const NUMBERING =
  `${XML}<w:numbering xmlns:w="${W}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>` +
  `<w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;

const SETTINGS = `${XML}<w:settings xmlns:w="${W}"><w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/><w:themeFontLang w:val="${LANGUAGE}"/></w:settings>`;

const CONTENT_TYPES =
  `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
  [
    ['/word/document.xml', 'wordprocessingml.document.main+xml'],
    ['/word/styles.xml', 'wordprocessingml.styles+xml'],
    ['/word/numbering.xml', 'wordprocessingml.numbering+xml'],
    ['/word/settings.xml', 'wordprocessingml.settings+xml'],
    ['/word/header1.xml', 'wordprocessingml.header+xml'],
    ['/word/footer1.xml', 'wordprocessingml.footer+xml'],
    ['/docProps/app.xml', 'extended-properties+xml'],
  ]
    .map(([part, type]) => `<Override PartName="${part}" ContentType="application/vnd.openxmlformats-officedocument.${type}"/>`)
    .join('') +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>';

const rels = (items: Array<[string, string, string]>) =>
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join('')}</Relationships>`;
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const PACKAGE_RELS = rels([
  ['rId1', `${OFFICE}/officeDocument`, 'word/document.xml'],
  ['rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'],
  ['rId3', `${OFFICE}/extended-properties`, 'docProps/app.xml'],
]);
const DOCUMENT_RELS = rels([
  ['rIdStyles', `${OFFICE}/styles`, 'styles.xml'],
  ['rIdNumbering', `${OFFICE}/numbering`, 'numbering.xml'],
  ['rIdSettings', `${OFFICE}/settings`, 'settings.xml'],
  ['rIdHeader', `${OFFICE}/header`, 'header1.xml'],
  ['rIdFooter', `${OFFICE}/footer`, 'footer1.xml'],
]);

function coreXml(doc: DocumentModel): string {
  return (
    `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${esc(doc.title)}</dc:title><dc:subject>${esc(doc.subject)}</dc:subject><dc:creator>Uldum Samskabelse</dc:creator><dc:language>${LANGUAGE}</dc:language></cp:coreProperties>`
  );
}

const APP = `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Uldum Samskabelse</Application></Properties>`;

/** A fixed time inside the file, so the same document gives the same bytes (and cache key). */
const MTIME = new Date('2026-01-01T00:00:00Z');

/** The .docx as a stream of bytes, written as it is read. */
export function documentDocxStream(doc: DocumentModel): Readable {
  const zip = new ZipFile();
  const add = (name: string, text: string) => zip.addBuffer(Buffer.from(text, 'utf8'), name, { mtime: MTIME });
  add('[Content_Types].xml', CONTENT_TYPES);
  add('_rels/.rels', PACKAGE_RELS);
  add('docProps/core.xml', coreXml(doc));
  add('docProps/app.xml', APP);
  add('word/_rels/document.xml.rels', DOCUMENT_RELS);
  add('word/styles.xml', STYLES);
  add('word/numbering.xml', NUMBERING);
  add('word/settings.xml', SETTINGS);
  add('word/header1.xml', headerXml(doc));
  add('word/footer1.xml', footerXml(doc));
  zip.addReadStream(Readable.from(documentXml(doc), { objectMode: false }), 'word/document.xml', { mtime: MTIME });
  zip.end();
  return zip.outputStream as unknown as Readable;
}

/** Streams the .docx to `out` (a response), ending it. */
export async function writeDocumentDocx(doc: DocumentModel, out: Writable): Promise<void> {
  const stream = documentDocxStream(doc);
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    out.on('error', reject);
    out.on('finish', resolve);
    stream.pipe(out);
  });
}

/** The whole .docx as one buffer (for caches and tests). */
export async function documentDocx(doc: DocumentModel): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of documentDocxStream(doc)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
