// The minutes as Markdown. User text is escaped so it shows as written: no heading, list,
// emphasis, link or HTML can come out of what someone typed.
import { approvalLines, type MinutesExport } from './source';

/**
 * Backslash-escapes what Markdown could read as structure: emphasis, code, links, HTML,
 * entities, headings, tables anywhere; list, quote and underline markers at a line's start.
 * Other punctuation stays as typed, so the raw file reads naturally too.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_\[\]<>#|~&]/g, (c) => '\\' + c)
    .replace(/^(\s*)([-+=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/** Escaped text with its line breaks kept (a trailing backslash is a hard break). */
function block(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => escapeMarkdown(line.trimStart())) // leading spaces would make a code block
    .join('\\\n');
}

function cell(text: string): string {
  return escapeMarkdown(text.replace(/\s*\r?\n\s*/g, ' ').trim());
}

export function minutesMarkdown(e: MinutesExport): string {
  const d = e.doc;
  const out: string[] = [];
  if (e.draft) out.push('**UDKAST – ikke godkendt**', '');
  out.push(`# Referat: ${cell(d.title)}`, '');
  out.push(`- **Partnerskab:** ${cell(d.partnership)}`);
  out.push(`- **Tid:** ${cell(d.when)}`);
  out.push(`- **Sted:** ${cell(d.place || 'Ikke angivet')}`);
  if (d.cancelReason) out.push(`- **Aflyst:** ${cell(d.cancelReason)}`);
  out.push(`- **Deltagere:** ${cell(d.present.join(', ') || 'Ingen registreret')}`);
  out.push(`- **Afbud:** ${cell(d.absent.join(', ') || 'Ingen')}`);
  if (d.noShow.length) out.push(`- **Udeblev:** ${cell(d.noShow.join(', '))}`);
  out.push(`- **Mødeleder:** ${cell(d.chair || 'Ikke angivet')}`);
  out.push(`- **Referent:** ${cell(d.minuteTaker || 'Ikke angivet')}`, '');
  if (d.freeText) out.push(block(d.freeText), '');
  out.push('## Dagsorden og referat', '');
  for (const item of d.items) {
    out.push(`### ${item.number}\\. ${cell(item.title)} (${cell(item.kind)})`, '');
    if (item.background) out.push('**Sagsfremstilling:**', '', block(item.background), '');
    for (const a of item.carriedOver) out.push(`- ${cell(a.text)}${a.owner ? ' – ' + cell(a.owner) : ''}${a.due ? ', frist ' + cell(a.due) : ''} (${cell(a.status)})`);
    if (item.carriedOver.length) out.push('');
    if (item.discussion) out.push('**Drøftelse:**', '', block(item.discussion), '');
    if (item.decision) out.push('**Beslutning:**', '', block(item.decision), '');
  }
  out.push('## Opfølgning', '');
  if (d.actions.length === 0) out.push('Ingen opfølgningspunkter.', '');
  else {
    out.push('| Hvad | Hvem | Hvornår | Status |', '| --- | --- | --- | --- |');
    for (const a of d.actions) out.push(`| ${cell(a.text)}${a.item ? ` (punkt ${a.item})` : ''} | ${cell(a.owner)} | ${cell(a.due)} | ${cell(a.status)} |`);
    out.push('');
  }
  out.push('## Næste møde', '', block(d.nextMeeting || 'Ikke aftalt'), '');
  out.push('## Godkendelse', '');
  for (const line of approvalLines(e)) out.push(`- ${cell(line)}`);
  out.push('', `Version ${d.version}${d.changeNote ? ' – ændret: ' + cell(d.changeNote) : ''}`, '');
  return out.join('\n');
}
