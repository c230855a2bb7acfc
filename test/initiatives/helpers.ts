// Factories and page readers for the initiatives tests: initiatives made through the service
// (with the route's schema, so defaults are as in use), and small readers of the rendered pages.
import { SYSTEM_ACTOR } from '../../server/db/audit';
import type { Db } from '../../server/db/database';
import type { InitiativeStatus } from '../../server/db/schema';
import { InitiativeFormSchema, type InitiativeForm } from '../../server/initiatives/schemas';
import {
  addCitizenStory,
  addEffectMeasure,
  addMeasurement,
  addPartner,
  addProgressUpdate,
  changeStatus,
  createInitiative,
  type Who,
} from '../../server/initiatives/service';
import { unescapeHtml } from '../helpers/html';

/** The fixed "now" of testApp(): Tuesday 24 November 2026, 11:00 in Copenhagen. */
export const AT = new Date('2026-11-24T10:00:00Z');
export const TODAY = '2026-11-24';
export const SYSTEM: Who = { actor: SYSTEM_ACTOR, personId: null };

let n = 0;

/** An initiative form as the route would pass it; values are given as a browser would send them. */
export function initiativeForm(over: Record<string, unknown> = {}): InitiativeForm {
  n++;
  return InitiativeFormSchema.parse({ title: `Initiativ ${n}`, kind: 'initiativ', ...over });
}

/** An initiative (or trial action) made by the service, optionally moved on to a status. */
export async function anInitiative(db: Db, over: Record<string, unknown> & { status?: InitiativeStatus } = {}, who: Who = SYSTEM): Promise<number> {
  const { status, ...form } = over;
  const id = await createInitiative(db, initiativeForm(form), who, AT);
  if (status && status !== 'ide') await changeStatus(db, id, status, 'Sat i testen', who, AT);
  return id;
}

export function initiativeRow(db: Db, id: number) {
  return db.selectFrom('initiatives').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An initiative with one of everything the page's forms add: update, partner, measure with a measurement, story. */
export async function aFullInitiative(db: Db, title: string) {
  const id = await anInitiative(db, { title });
  const organisationId = (await db.selectFrom('organisations').select('id').where('name', '=', 'Skolen i Uldum').executeTakeFirstOrThrow()).id;
  const updateId = await addProgressUpdate(db, id, { date: '2026-11-01', happened: `Opstart af ${title}`, effect_seen: '', learning: '' }, SYSTEM, AT);
  const partnerId = await addPartner(db, id, { organisation_id: organisationId, person_id: null, contribution: `Lokaler til ${title}` }, SYSTEM, AT);
  const measureId = await addEffectMeasure(db, id, { indicator: `Deltagere i ${title}`, unit: 'borgere', baseline: 2, target: 10 }, SYSTEM, AT);
  const measurementId = await addMeasurement(db, id, measureId, { date: '2026-11-10', value: 4, note: '' }, SYSTEM, AT);
  const storyId = await addCitizenStory(db, id, { date: '2026-11-12', kerneopgave_key: null, story: `En borger om ${title}` }, SYSTEM, AT);
  return { id, updateId, partnerId, measureId, measurementId, storyId };
}

/** A valid create/edit form as the browser sends it. */
export function validForm(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    title: 'Gåtur til postkassen',
    kind: 'initiativ',
    description: 'Beboere går selv til postkassen med en frivillig.',
    partnership_id: '',
    start_date: '2026-12-01',
    end_date: '2027-05-31',
    intended_movement: 'Fra at blive hjulpet til selv at gå de 50 skridt.',
    citizen_role: 'medskaber',
    involvement_level: 'samskabelse',
    funding: 'Puljemidler',
    funding_ends: '',
    anchoring_plan: '',
    hypothesis: '',
    freedom_from: '',
    freedom_to: '',
    trial_start: '',
    trial_end: '',
    success_criteria: '',
    result: '',
    trial_decision: '',
    ...over,
  };
}

/** The titles in the list's table, in the order shown. */
export function titlesShown(html: string): string[] {
  return [...html.matchAll(/<td><a href="\/initiatives\/\d+">([^<]*)<\/a>/g)].map((m) => unescapeHtml(m[1]));
}

/** The HTML of the section labelled by the heading with this id (sections that hold no other section). */
export function sectionOf(html: string, headingId: string): string {
  const start = html.indexOf(`aria-labelledby="${headingId}"`);
  if (start < 0) throw new Error(`no section ${headingId} on the page`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The one effect measure's card on the initiative page. */
export function measureCard(html: string, measureId: number): string {
  const start = html.indexOf(`<section id="effekt-${measureId}"`);
  if (start < 0) throw new Error(`no measure ${measureId} on the page`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The message beside one field of a measure's measurement form (field m<id>_<name> in the form state). */
export function measurementError(html: string, measureId: number, field: string): string | undefined {
  const m = new RegExp(`<p class="error" id="f-m${measureId}_${field}-error">([^<]*)</p>`).exec(html);
  return m ? unescapeHtml(m[1]) : undefined;
}

/** The input kept in one field of a measure's measurement form. */
export function measurementValue(html: string, measureId: number, field: string): string | undefined {
  const m = new RegExp(`id="f-m${measureId}_${field}" name="${field}" value="([^"]*)"`).exec(html);
  return m ? unescapeHtml(m[1]) : undefined;
}

/** The ids that occur more than once on a page (each must be unique for labels and links to work). */
export function duplicateIds(html: string): string[] {
  const seen = new Map<string, number>();
  for (const m of html.matchAll(/\sid="([^"]+)"/g)) seen.set(m[1], (seen.get(m[1]) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
}

/** Whether the <details> that holds the form posting to `action` is open. */
export function detailsOpen(html: string, action: string): boolean {
  const at = html.indexOf(`action="${action}"`);
  if (at < 0) throw new Error(`no form posting to ${action}`);
  const details = html.lastIndexOf('<details', at);
  if (details < 0) throw new Error(`the form posting to ${action} is not in a <details>`);
  return /^<details open>/.test(html.slice(details));
}

export const CPR_MESSAGE_START = 'Teksten ligner et CPR-nummer';
