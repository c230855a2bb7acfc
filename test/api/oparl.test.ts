// The OParl-style export: System → Body → Meeting with its open AgendaItems, Paper and File, each
// with its id URL and type URI; approved public minutes only; the same bearer token as /api/v1.
import request from 'supertest';
import { testApp } from '../helpers/app';
import { PARTNERSHIP_NAME } from '../../seeds/partnership';
import { ITEM, pdfPages } from '../exports/fixture';
import { apiGet, CLOSED_TITLE, openDataWorld, SECRET } from './fixture';

const T = 'https://schema.oparl.org/1.1/';

describe('the OParl export', () => {
  it('walks from the system to the approved meeting, its items, papers and the public referat', async () => {
    const { app, db } = await testApp();
    const w = await openDataWorld(db);
    const get = async (url: string) => {
      const res = await apiGet(app, w.token, url.replace(/^http:\/\/host/, ''));
      expect([url, res.status]).toEqual([url, 200]);
      // Each supertest request has its own port: compare the id URLs by their path.
      return JSON.parse(res.text.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://host'));
    };

    const system = await get('/api/oparl/v1/system');
    expect(system).toMatchObject({ type: `${T}System`, oparlVersion: 'https://schema.oparl.org/1.1/' });
    expect(system.id).toBe('http://host/api/oparl/v1/system');
    const bodies = await get(system.body);
    expect(bodies.pagination).toMatchObject({ totalElements: 1, currentPage: 1 });
    const body = bodies.data[0];
    expect(body).toMatchObject({ type: `${T}Body`, system: system.id, name: PARTNERSHIP_NAME });
    expect(await get(body.id)).toEqual(body);
    expect((await get(body.person)).data).toEqual([]);

    const meetings = await get(body.meeting);
    expect(meetings.data).toHaveLength(1); // the draft meeting is not there
    const meeting = meetings.data[0];
    expect(meeting).toMatchObject({ type: `${T}Meeting`, start: '2026-06-10T12:00:00.000Z', cancelled: false });
    expect(meeting.id).toMatch(new RegExp(`/api/oparl/v1/meetings/${w.meetingId}$`));
    expect(await get(meeting.id)).toEqual(meeting);
    expect(meeting.agendaItem.every((i: { type: string; meeting: string }) => i.type === `${T}AgendaItem` && i.meeting === meeting.id)).toBe(true);
    const names = meeting.agendaItem.map((i: { name: string }) => i.name);
    expect(names).toContain(ITEM.title);
    expect(names).not.toContain(CLOSED_TITLE);
    const item = meeting.agendaItem.find((i: { name: string }) => i.name === ITEM.title);
    expect(item).toMatchObject({ public: true, resolutionText: ITEM.decision });
    expect(await get(item.id)).toEqual(item);

    const papers = await get(body.paper);
    const paper = papers.data.find((p: { name: string }) => p.name === ITEM.title);
    expect(paper).toMatchObject({ type: `${T}Paper`, body: body.id, paperType: 'Sagsfremstilling', 'uldum:background': ITEM.background });
    expect(JSON.stringify(papers)).not.toContain(SECRET);
    expect(await get(paper.id)).toEqual(paper);

    const file = meeting.resultsProtocol;
    expect(file).toMatchObject({ type: `${T}File`, mimeType: 'application/pdf', meeting: [meeting.id] });
    expect(await get(file.id)).toEqual(file);
    const pdf = await apiGet(app, w.token, file.accessUrl.replace(/^http:\/\/host/, '')).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = pdfPages(pdf.body as Buffer).join('\n');
    expect(text).toContain(ITEM.decision);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('UDKAST');
  });

  it('needs the token, like /api/v1', async () => {
    const { app, db } = await testApp();
    const w = await openDataWorld(db);
    for (const url of ['/api/oparl/v1/system', `/api/oparl/v1/meetings/${w.meetingId}`, `/api/oparl/v1/files/${w.meetingId}/referat.pdf`]) {
      expect([url, (await request(app).get(url)).status]).toEqual([url, 401]);
    }
    expect((await apiGet(app, w.token, `/api/oparl/v1/files/${w.draftMeetingId}/referat.pdf`)).status).toBe(404);
  });
});
