// The real answers of every /api/v1 endpoint, checked against the OpenAPI document the API serves
// (ajv, JSON Schema 2020-12; every object in it is closed, so an extra field fails too), and the
// public-version filter: a closed item, what was agreed under it, a draft's meeting and anybody's
// name or contact data appear in no answer.
import Ajv2020 from 'ajv/dist/2020';
import request from 'supertest';
import { testApp } from '../helpers/app';
import { withoutAuditRule } from '../helpers/audit-rule';
import { ITEM } from '../exports/fixture';
import { apiGet, CLOSED_TITLE, DRAFT_TITLE, openDataWorld, SECRET } from './fixture';

type World = Awaited<ReturnType<typeof openDataWorld>>;

/** Each path of the document with the real URL that exercises it. */
async function concreteUrls(w: World, db: Awaited<ReturnType<typeof testApp>>['db']): Promise<Record<string, string>> {
  const openAction = (await db.selectFrom('actions').select('id').where('meeting_id', '=', w.meetingId).where('text', '=', 'Indkald frivillige til møde').executeTakeFirstOrThrow()).id;
  const role = (await db.selectFrom('roles').select('key').orderBy('key').executeTakeFirstOrThrow()).key;
  return {
    '/meetings': '/meetings',
    '/meetings/{id}': `/meetings/${w.meetingId}`,
    '/meetings/{id}/agenda-items': `/meetings/${w.meetingId}/agenda-items`,
    '/agenda-items': '/agenda-items',
    '/agenda-items/{id}': `/agenda-items/${w.openItemId}`,
    '/decisions': '/decisions',
    '/decisions/{id}': `/decisions/${w.openItemId}`,
    '/actions': '/actions',
    '/actions/{id}': `/actions/${openAction}`,
    '/initiatives': '/initiatives',
    '/initiatives/{id}': `/initiatives/${w.initiative.id}`,
    '/effects': '/effects',
    '/effects/{id}': `/effects/${w.initiative.measureId}`,
    '/roles': '/roles?limit=100',
    '/roles/{key}': `/roles/${role}`,
  };
}

function validatorFor(doc: unknown) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  ajv.addSchema(doc as object, 'openapi.json');
  const pointer = (path: string, status: number) => `openapi.json#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/get/responses/${status}/content/application~1json/schema`;
  return (path: string, status: number, body: unknown) => {
    const validate = ajv.compile({ $ref: pointer(path, status) });
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  };
}

describe('the OpenAPI description', () => {
  it('is served without a token, and every endpoint answers as it describes (200, 401, 404, 400)', async () => {
    const { app, db } = await testApp();
    const w = await openDataWorld(db);
    const served = await request(app).get('/api/v1/openapi.json');
    expect(served.status).toBe(200);
    expect(served.body.openapi).toBe('3.1.0');
    const check = validatorFor(served.body);
    const urls = await concreteUrls(w, db);
    expect(Object.keys(urls).sort()).toEqual(Object.keys(served.body.paths).sort());

    for (const [path, url] of Object.entries(urls)) {
      const res = await apiGet(app, w.token, `/api/v1${url}`);
      expect([path, res.status]).toEqual([path, 200]);
      expect([path, check(path, 200, res.body)]).toEqual([path, []]);
      const unauthorised = await request(app).get(`/api/v1${url}`);
      expect([path, unauthorised.status, check(path, 401, unauthorised.body)]).toEqual([path, 401, []]);
      if (path.includes('{')) {
        const missing = await apiGet(app, w.token, `/api/v1${path.replace(/\{(id|key)\}/, '999999')}`);
        expect([path, missing.status, check(path, 404, missing.body)]).toEqual([path, 404, []]);
      } else {
        const bad = await apiGet(app, w.token, `/api/v1${url.split('?')[0]}?limit=1000`);
        expect([path, bad.status, check(path, 400, bad.body)]).toEqual([path, 400, []]);
      }
    }
  });

  it('catches an answer that does not match it', async () => {
    const { app } = await testApp();
    const check = validatorFor((await request(app).get('/api/v1/openapi.json')).body);
    const meeting = { id: 1, title: 'Møde', kind: 'workshop', starts_at: '2026-06-10T12:00:00.000Z', ends_at: '2026-06-10T14:00:00.000Z', place: '', status: 'afholdt', journal_number: '' };
    expect(check('/meetings/{id}', 200, meeting)).toEqual([]);
    expect(check('/meetings/{id}', 200, { ...meeting, email: 'a@b.dk' })).not.toEqual([]);
    expect(check('/meetings/{id}', 200, { ...meeting, starts_at: 'i morgen' })).not.toEqual([]);
  });
});

describe('the public version only', () => {
  async function everything(app: Awaited<ReturnType<typeof testApp>>['app'], w: World, extra: string[] = []) {
    const urls = [
      ...['/meetings', '/agenda-items', '/decisions', '/actions', '/initiatives', '/effects', '/roles'].map((u) => `/api/v1${u}?limit=100`),
      `/api/v1/meetings/${w.meetingId}`,
      `/api/v1/meetings/${w.meetingId}/agenda-items?limit=100`,
      `/api/v1/initiatives/${w.initiative.id}`,
      '/api/oparl/v1/system',
      '/api/oparl/v1/bodies',
      '/api/oparl/v1/bodies/1',
      '/api/oparl/v1/bodies/1/meetings',
      '/api/oparl/v1/bodies/1/papers',
      `/api/oparl/v1/meetings/${w.meetingId}`,
      `/api/oparl/v1/files/${w.meetingId}`,
      ...extra,
    ];
    const texts: string[] = [];
    for (const url of urls) {
      const res = await apiGet(app, w.token, url);
      expect([url, res.status]).toEqual([url, 200]);
      texts.push(res.text);
    }
    return texts.join('\n');
  }

  it('a closed item, its action and a meeting whose minutes are a draft appear in no answer; no person is named', async () => {
    const { app, db } = await testApp();
    const w = await openDataWorld(db);
    const all = await everything(app, w);
    // The open content is there, so the filter does not simply hide everything.
    expect(all).toContain(ITEM.title);
    expect(all).toContain(ITEM.decision);
    expect(all).toContain('Indkald frivillige til møde');
    expect(all).toContain('Deltagere i Ældrecafé');
    for (const hidden of [SECRET, CLOSED_TITLE, DRAFT_TITLE, `"id":${w.closedItemId},`, `/agendaItems/${w.closedItemId}"`]) expect([hidden, all.includes(hidden)]).toEqual([hidden, false]);
    const people = await db.selectFrom('people').select(['name', 'email', 'phone']).execute();
    for (const p of people) for (const v of [p.name, p.email, p.phone]) if (v) expect([v, all.includes(v)]).toEqual([v, false]);
    expect(all).not.toMatch(/@[a-z0-9-]+\.[a-z]{2,}/i);
    expect(all).not.toContain('En borger om Ældrecafé'); // citizens' stories stay out
    for (const url of [`/api/v1/agenda-items/${w.closedItemId}`, `/api/v1/decisions/${w.closedItemId}`, `/api/v1/actions/${w.closedActionId}`, `/api/v1/meetings/${w.draftMeetingId}`, `/api/oparl/v1/agendaItems/${w.closedItemId}`, `/api/oparl/v1/papers/${w.closedItemId}`, `/api/oparl/v1/meetings/${w.draftMeetingId}`]) {
      expect([url, (await apiGet(app, w.token, url)).status]).toEqual([url, 404]);
    }
  });

  it('an item closed after approval disappears at once, with its action', async () => {
    const { app, db } = await testApp();
    const w = await openDataWorld(db);
    expect((await apiGet(app, w.token, `/api/v1/agenda-items/${w.openItemId}`)).status).toBe(200);
    await withoutAuditRule(db, () => db.updateTable('agenda_items').set({ closed: 1 }).where('id', '=', w.openItemId).execute());
    const all = await everything(app, w);
    expect(all).not.toContain(ITEM.title);
    expect(all).not.toContain('Indkald frivillige til møde');
    expect((await apiGet(app, w.token, `/api/v1/agenda-items/${w.openItemId}`)).status).toBe(404);
  });
});
