// The text of an e-mail, in Danish, twice: plain text and a simple, accessible HTML part. Every
// message names the app, links to the page it is about, and ends with a link to /profile.
import type { Config } from '../config';

export const APP_NAME = 'Uldum Samskabelse';

/** The absolute address of the app for links in e-mail: APP_URL (or PUBLIC_URL), else this machine. */
export function appUrlOf(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

export interface MailContent {
  /** e.g. 'Hej Hanne'; a comma is added. */
  greeting?: string;
  /** Paragraphs of plain text (a line break inside one is kept). */
  paragraphs: readonly string[];
  /** More links, as a list after the paragraphs (e.g. the answers to an invitation, the bilag), with a line before it. */
  links?: { intro: string; items: ReadonlyArray<{ label: string; href: string }> };
  /** The page the message is about: a path on the app (or an absolute link) and the words of the link. */
  action?: { label: string; href: string };
  /** Paragraphs after the link, e.g. how long it is valid. */
  after?: readonly string[];
}

export interface RenderedMail {
  text: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function absolute(appUrl: string, href: string): string {
  return /^https?:\/\//.test(href) ? href : `${appUrl}${href.startsWith('/') ? '' : '/'}${href}`;
}

const FOOTER_TEXT = 'Du får denne e-mail fra';

/** Plain text and HTML of the same message, with the app's name and a footer link to /profile. */
export function renderMail(appUrl: string, content: MailContent): RenderedMail {
  const profile = absolute(appUrl, '/profile');
  const link = content.action ? { label: content.action.label, href: absolute(appUrl, content.action.href) } : null;
  const after = content.after ?? [];
  const list = content.links?.items.length ? { intro: content.links.intro, items: content.links.items.map((l) => ({ label: l.label, href: absolute(appUrl, l.href) })) } : null;

  const text = [
    ...(content.greeting ? [`${content.greeting},`] : []),
    ...content.paragraphs,
    ...(list ? [[list.intro, ...list.items.map((l) => `- ${l.label}: ${l.href}`)].join('\n')] : []),
    ...(link ? [`${link.label}:\n${link.href}`] : []),
    ...after,
    `-- \n${FOOTER_TEXT} ${APP_NAME} (${appUrl}).\nDine oplysninger og indstillinger: ${profile}`,
  ].join('\n\n');

  const p = (s: string) => `<p>${escapeHtml(s).replace(/\n/g, '<br>')}</p>`;
  const html = [
    '<!DOCTYPE html>',
    '<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(APP_NAME)}</title></head>`,
    '<body>',
    ...(content.greeting ? [p(`${content.greeting},`)] : []),
    ...content.paragraphs.map(p),
    ...(list ? [p(list.intro), `<ul>${list.items.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></li>`).join('')}</ul>`] : []),
    ...(link ? [`<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`] : []),
    ...after.map(p),
    `<hr><p><small>${FOOTER_TEXT} <a href="${escapeHtml(appUrl)}">${escapeHtml(APP_NAME)}</a>. <a href="${escapeHtml(profile)}">Dine oplysninger og indstillinger</a></small></p>`,
    '</body></html>',
  ].join('\n');
  return { text, html };
}
