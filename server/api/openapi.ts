// The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json. Hand-written; every
// object is closed (additionalProperties: false), so the tests that check the real answers against
// it (test/api/openapi.test.ts) also catch a field that should not be there.
import { DEFAULT_LIMIT, MAX_LIMIT } from './schemas';

const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;
const closed = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required: Object.keys(properties), properties });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const listOf = (name: string) => closed({ data: { type: 'array', items: ref(name) }, meta: ref('Meta') });

const schemas = {
  Meta: closed({ total: int, limit: int, offset: int }),
  Error: { type: 'object', additionalProperties: false, required: ['error', 'status'], properties: { error: str, status: int, reference: str } },
  Meeting: closed({
    id: int,
    title: str,
    kind: { enum: ['partnerskabsmoede', 'arbejdsgruppe', 'workshop', 'dialogmoede', 'andet'] },
    starts_at: { type: 'string', format: 'date-time' },
    ends_at: { type: 'string', format: 'date-time' },
    place: str,
    status: { enum: ['planlagt', 'afholdt', 'aflyst'] },
    journal_number: str,
  }),
  AgendaItem: closed({
    id: int,
    meeting_id: int,
    number: int,
    kind: { enum: ['orientering', 'droeftelse', 'beslutning'] },
    title: str,
    background: str,
    discussion: str,
    decision: str,
  }),
  Decision: closed({ id: int, meeting_id: int, agenda_item_id: int, title: str, decision: str, meeting_starts_at: { type: 'string', format: 'date-time' } }),
  Action: closed({
    id: int,
    meeting_id: int,
    agenda_item_id: { type: ['integer', 'null'] },
    text: str,
    status: { enum: ['aaben', 'i_gang', 'udfoert', 'droppet'] },
    due_date: nullableStr,
    completed_at: nullableStr,
    initiative_id: { type: ['integer', 'null'] },
  }),
  Initiative: closed({
    id: int,
    kind: { enum: ['initiativ', 'proevehandling'] },
    title: str,
    description: str,
    status: { enum: ['ide', 'planlagt', 'afproeves', 'evalueres', 'forankret', 'stoppet', 'pause'] },
    start_date: nullableStr,
    end_date: nullableStr,
    intended_movement: str,
    hypothesis: str,
    success_criteria: str,
    result: str,
    trial_start: nullableStr,
    trial_end: nullableStr,
    kerneopgaver: { type: 'array', items: str },
    roles: { type: 'array', items: str },
  }),
  Effect: closed({
    id: int,
    initiative_id: int,
    indicator: str,
    unit: str,
    baseline: { type: ['number', 'null'] },
    target: { type: ['number', 'null'] },
    measurements: { type: 'array', items: closed({ date: str, value: { type: 'number' } }) },
  }),
  Role: closed({ key: str, kind: { enum: ['medarbejder', 'leder'] }, name: str, description: str, source: str, retired: { type: 'boolean' } }),
};

const error = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const ok = (schema: unknown) => ({ description: 'OK', content: { 'application/json': { schema } } });
const common = { '401': error('Missing, invalid or revoked token'), '429': error('Rate limit reached (per token, per minute)') };
const pageParams = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };

const list = (name: string, summary: string) => ({ get: { summary, parameters: pageParams, responses: { '200': ok(listOf(name)), '400': error('Bad limit or offset'), ...common } } });
const one = (name: string, summary: string, param: unknown = idParam) => ({ get: { summary, parameters: [param], responses: { '200': ok(ref(name)), '404': error('Not found (or not public)'), ...common } } });

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Uldum Samskabelse – open data',
    version: '1.0.0',
    description:
      'Read-only public data of the partnership: meetings whose minutes every party approved, their open agenda items, decisions and actions (closed items and what was agreed under them are left out), initiatives, effect measures and roles. No names or contact data of people. Every request needs `Authorization: Bearer <token>` (issued by an administrator).',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas },
  paths: {
    '/meetings': list('Meeting', 'Meetings with approved minutes, newest first'),
    '/meetings/{id}': one('Meeting', 'One meeting'),
    '/meetings/{id}/agenda-items': { get: { summary: "A meeting's open agenda items, in agenda order", parameters: [idParam, ...pageParams], responses: { '200': ok(listOf('AgendaItem')), '400': error('Bad limit or offset'), '404': error('Not found'), ...common } } },
    '/agenda-items': list('AgendaItem', 'Open agenda items of approved meetings, newest first (by id)'),
    '/agenda-items/{id}': one('AgendaItem', 'One agenda item'),
    '/decisions': list('Decision', 'Decisions (agenda items with a decision), newest first (by id)'),
    '/decisions/{id}': one('Decision', 'One decision, by its agenda item id'),
    '/actions': list('Action', 'Follow-up actions'),
    '/actions/{id}': one('Action', 'One action'),
    '/initiatives': list('Initiative', 'Initiatives and trial actions'),
    '/initiatives/{id}': one('Initiative', 'One initiative'),
    '/effects': list('Effect', 'Effect measures with their measurements'),
    '/effects/{id}': one('Effect', 'One effect measure'),
    '/roles': list('Role', 'The roles of the partnership model'),
    '/roles/{key}': one('Role', 'One role', { name: 'key', in: 'path', required: true, schema: str }),
  },
} as const;
