// /api/oparl/v1: an OParl 1.1-style export of the same public data as /api/v1, so municipal
// portals can show the partnership's meetings. System → Body (a partnership) → Meeting (approved
// minutes only) with its open AgendaItems; a Paper per item with a sagsfremstilling; the File of a
// meeting is the public version of its approved referat (PDF). Behind the same bearer token as /api/v1.
import { Router, type Request } from 'express';
import { documentPdf } from '../documents/pdf';
import { attachment, minutesFileName } from '../documents/filename';
import { referatForExport } from '../meetings/service';
import type { AppContext } from '../web/context';
import { NotFound } from '../web/errors';
import { parseId, routeParam } from '../web/form';
import * as api from './service';
import type { ItemRow, MeetingRow } from './service';

const SCHEMA = 'https://schema.oparl.org/1.1/';
/** Meetings per page of a list (each carries its agenda items). */
export const OPARL_PAGE_SIZE = 20;

const baseOf = (req: Request) => `${req.protocol}://${req.get('host')}/api/oparl/v1`;

function urls(base: string) {
  return {
    system: `${base}/system`,
    bodies: `${base}/bodies`,
    body: (id: number) => `${base}/bodies/${id}`,
    meetings: (bodyId: number) => `${base}/bodies/${bodyId}/meetings`,
    papers: (bodyId: number) => `${base}/bodies/${bodyId}/papers`,
    meeting: (id: number) => `${base}/meetings/${id}`,
    agendaItem: (id: number) => `${base}/agendaItems/${id}`,
    paper: (id: number) => `${base}/papers/${id}`,
    file: (meetingId: number) => `${base}/files/${meetingId}`,
    download: (meetingId: number) => `${base}/files/${meetingId}/referat.pdf`,
  };
}
type Urls = ReturnType<typeof urls>;

/** ?page=N (1-based); anything else is the first page. */
function pageNumber(req: Request): number {
  const raw = String(req.query.page ?? '1');
  return /^[1-9]\d{0,6}$/.test(raw) ? Number(raw) : 1;
}

function oparlList<T>(data: T[], total: number, page: number, listUrl: string) {
  const totalPages = Math.max(1, Math.ceil(total / OPARL_PAGE_SIZE));
  const at = (n: number) => `${listUrl}?page=${n}`;
  return {
    data,
    pagination: { totalElements: total, elementsPerPage: OPARL_PAGE_SIZE, currentPage: page, totalPages },
    links: { first: at(1), last: at(totalPages), ...(page > 1 ? { prev: at(page - 1) } : {}), ...(page < totalPages ? { next: at(page + 1) } : {}) },
  };
}

const fileOf = (u: Urls, m: MeetingRow) => ({
  id: u.file(m.id),
  type: `${SCHEMA}File`,
  name: `Referat (offentlig version): ${m.title}`,
  fileName: `referat-${m.id}.pdf`,
  mimeType: 'application/pdf',
  accessUrl: u.download(m.id),
  downloadUrl: u.download(m.id),
  meeting: [u.meeting(m.id)],
  modified: m.updated_at,
});

const agendaItemOf = (u: Urls, i: ItemRow) => ({
  id: u.agendaItem(i.id),
  type: `${SCHEMA}AgendaItem`,
  meeting: u.meeting(i.meeting_id),
  number: String(i.position),
  order: i.position,
  name: i.title,
  public: true,
  ...(i.decision ? { resolutionText: i.decision } : {}),
});

const paperOf = (u: Urls, m: MeetingRow, i: ItemRow) => ({
  id: u.paper(i.id),
  type: `${SCHEMA}Paper`,
  body: u.body(m.partnership_id),
  name: i.title,
  reference: m.journal_number ? `${m.journal_number}-${i.position}` : `${m.id}-${i.position}`,
  date: m.starts_at.slice(0, 10),
  paperType: 'Sagsfremstilling',
  // OParl keeps a paper's text in its files; the sagsfremstilling itself is short, so it is here.
  'uldum:background': i.background,
});

const meetingOf = (u: Urls, m: MeetingRow, items: ItemRow[]) => ({
  id: u.meeting(m.id),
  type: `${SCHEMA}Meeting`,
  name: m.title,
  meetingState: m.status === 'aflyst' ? 'cancelled' : 'held',
  cancelled: m.status === 'aflyst',
  start: m.starts_at,
  end: m.ends_at,
  location: { type: `${SCHEMA}Location`, description: m.place },
  agendaItem: items.map((i) => agendaItemOf(u, i)),
  resultsProtocol: fileOf(u, m),
  created: m.created_at,
  modified: m.updated_at,
});

export function oparlRoutes(ctx: AppContext): Router {
  const { db } = ctx;
  const router = Router();

  router.get('/system', (req, res) => {
    const u = urls(baseOf(req));
    res.json({ id: u.system, type: `${SCHEMA}System`, oparlVersion: 'https://schema.oparl.org/1.1/', name: 'Uldum Samskabelse', body: u.bodies });
  });

  const bodyOf = (u: Urls, p: { id: number; name: string; created_at: string; updated_at: string }) => ({
    id: u.body(p.id),
    type: `${SCHEMA}Body`,
    system: u.system,
    name: p.name,
    meeting: u.meetings(p.id),
    paper: u.papers(p.id),
    // The export names no people and no organisations of its own: both lists are empty.
    organization: `${u.body(p.id)}/organizations`,
    person: `${u.body(p.id)}/people`,
    legislativeTerm: [],
    created: p.created_at,
    modified: p.updated_at,
  });

  router.get('/bodies', async (req, res) => {
    const u = urls(baseOf(req));
    const all = await api.partnerships(db);
    res.json(oparlList(all.map((p) => bodyOf(u, p)), all.length, 1, u.bodies));
  });

  const bodyById = async (raw: unknown) => {
    const id = parseId(raw);
    const p = (await api.partnerships(db)).find((x) => x.id === id);
    if (!p) throw new NotFound();
    return p;
  };

  router.get('/bodies/:id', async (req, res) => {
    res.json(bodyOf(urls(baseOf(req)), await bodyById(routeParam(req, 'id'))));
  });

  router.get(['/bodies/:id/organizations', '/bodies/:id/people'], async (req, res) => {
    await bodyById(routeParam(req, 'id'));
    res.json(oparlList([], 0, 1, `${baseOf(req)}${req.path}`));
  });

  router.get('/bodies/:id/meetings', async (req, res) => {
    const u = urls(baseOf(req));
    const body = await bodyById(routeParam(req, 'id'));
    const page = pageNumber(req);
    const r = await api.publicMeetings(db, { limit: OPARL_PAGE_SIZE, offset: (page - 1) * OPARL_PAGE_SIZE }, body.id);
    const items = await api.publicItemsOfMeetings(db, r.rows.map((m) => m.id));
    res.json(oparlList(r.rows.map((m) => meetingOf(u, m, items.filter((i) => i.meeting_id === m.id))), r.total, page, u.meetings(body.id)));
  });

  router.get('/bodies/:id/papers', async (req, res) => {
    const u = urls(baseOf(req));
    const body = await bodyById(routeParam(req, 'id'));
    const page = pageNumber(req);
    const r = await api.publicMeetings(db, { limit: OPARL_PAGE_SIZE, offset: (page - 1) * OPARL_PAGE_SIZE }, body.id);
    const items = await api.publicItemsOfMeetings(db, r.rows.map((m) => m.id));
    // A page of papers is the papers of a page of meetings (so the totals count meetings).
    const papers = r.rows.flatMap((m) => items.filter((i) => i.meeting_id === m.id && i.background !== '').map((i) => paperOf(u, m, i)));
    res.json(oparlList(papers, r.total, page, u.papers(body.id)));
  });

  const meetingById = async (raw: unknown) => {
    const m = await api.publicMeeting(db, parseId(raw));
    if (!m) throw new NotFound();
    return m;
  };

  router.get('/meetings/:id', async (req, res) => {
    const m = await meetingById(routeParam(req, 'id'));
    res.json(meetingOf(urls(baseOf(req)), m, await api.publicItemsOfMeetings(db, [m.id])));
  });

  const itemById = async (raw: unknown) => {
    const i = await api.publicItem(db, parseId(raw), false);
    if (!i) throw new NotFound();
    return { item: i, meeting: await meetingById(i.meeting_id) };
  };

  router.get('/agendaItems/:id', async (req, res) => {
    const { item } = await itemById(routeParam(req, 'id'));
    res.json(agendaItemOf(urls(baseOf(req)), item));
  });

  router.get('/papers/:id', async (req, res) => {
    const { item, meeting } = await itemById(routeParam(req, 'id'));
    if (item.background === '') throw new NotFound();
    res.json(paperOf(urls(baseOf(req)), meeting, item));
  });

  router.get('/files/:id', async (req, res) => {
    res.json(fileOf(urls(baseOf(req)), await meetingById(routeParam(req, 'id'))));
  });

  // The public version of the approved referat: the same file /offentlig/… gives.
  router.get('/files/:id/referat.pdf', async (req, res) => {
    const m = await meetingById(routeParam(req, 'id'));
    const e = await referatForExport(db, m.id, 'public');
    if (e.model.watermark) throw new NotFound();
    const pdf = await ctx.caches.renderedFiles.get(ctx.caches.renderedFiles.key('minutes-public.pdf', e.model), () => documentPdf(e.model));
    res.type('application/pdf').set('Content-Disposition', attachment(minutesFileName(e.content.date, `${e.content.title} offentlig version`, 'pdf'))).send(pdf);
  });

  return router;
}
