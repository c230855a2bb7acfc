// Every delete asks first on a page of its own, so it works without JavaScript: the page offers a
// link to GET …/delete, which shows what will be deleted and what follows, with a "Slet" (or
// "Fjern") button that POSTs with CSRF and a "Fortryd" link back. Nothing is deleted by the GET;
// the GET has the POST's role check (403) and answers an unknown id with 404.
import { SYSTEM_ACTOR } from '../../server/db/audit';
import type { Db } from '../../server/db/database';
import { addPartner } from '../../server/initiatives/service';
import { sendForApproval } from '../../server/meetings/minutes';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aHeldMeeting, aMeeting, anAction, anAgendaItem, anOrganisation, aPerson } from '../helpers/factories';
import { unescapeHtml } from '../helpers/html';
import { aDilemma, aFefItem, aLearning, anInitiative } from '../helpers/register-factories';
import { anEvidence } from '../roles/helpers';

interface Case {
  /** The page with the delete link. */
  page: string;
  /** GET shows the question, POST deletes. */
  path: string;
  /** The same kind of address with an id that does not exist. */
  unknown: string;
  question: string;
  /** A sentence of what will happen. */
  consequence: string;
  button: 'Slet' | 'Fjern';
  back: string;
  /** Whether the record is still there. */
  exists: () => Promise<boolean>;
}

const AT = new Date('2026-11-01T09:00:00Z');
const SYSTEM = { actor: SYSTEM_ACTOR, personId: null };

async function has(db: Db, table: 'people' | 'organisations' | 'dilemmas' | 'learnings' | 'fef_items' | 'initiatives' | 'initiative_partners' | 'role_evidence' | 'agenda_items' | 'actions', id: number) {
  return !!(await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst());
}

const CASES: Record<string, (db: Db) => Promise<Case>> = {
  person: async (db) => {
    const id = await aPerson(db, { name: 'Pia Sletmig' });
    return {
      page: `/people/${id}`, path: `/people/${id}/delete`, unknown: '/people/999999/delete',
      question: 'Vil du slette personen Pia Sletmig?', consequence: 'Deaktivér personen i stedet', button: 'Slet', back: `/people/${id}`,
      exists: () => has(db, 'people', id),
    };
  },
  organisation: async (db) => {
    const id = await anOrganisation(db, { name: 'Sletteforeningen' });
    return {
      page: `/organisations/${id}`, path: `/organisations/${id}/delete`, unknown: '/organisations/999999/delete',
      question: 'Vil du slette organisationen Sletteforeningen?', consequence: 'Deaktivér den i stedet', button: 'Slet', back: `/organisations/${id}`,
      exists: () => has(db, 'organisations', id),
    };
  },
  dilemma: async (db) => {
    const id = await aDilemma(db, { title: 'Tid eller penge' });
    return {
      page: `/dilemmas/${id}`, path: `/dilemmas/${id}/delete`, unknown: '/dilemmas/999999/delete',
      question: 'Vil du slette dilemmaet "Tid eller penge"?', consequence: 'Et dilemma, der står på en dagsorden, kan ikke slettes', button: 'Slet', back: `/dilemmas/${id}`,
      exists: () => has(db, 'dilemmas', id),
    };
  },
  learning: async (db) => {
    const id = await aLearning(db, { title: 'Gåture virker' });
    return {
      page: `/learnings/${id}`, path: `/learnings/${id}/delete`, unknown: '/learnings/999999/delete',
      question: 'Vil du slette erfaringen "Gåture virker"?', consequence: 'Initiativerne og møderne bevares', button: 'Slet', back: `/learnings/${id}`,
      exists: () => has(db, 'learnings', id),
    };
  },
  fef: async (db) => {
    const id = await aFefItem(db, { title: 'Dobbelt dokumentation' });
    return {
      page: `/forklar-eller-fjern/${id}`, path: `/forklar-eller-fjern/${id}/delete`, unknown: '/forklar-eller-fjern/999999/delete',
      question: 'Vil du slette punktet "Dobbelt dokumentation"?', consequence: 'Slet kun et punkt, der er oprettet ved en fejl', button: 'Slet', back: `/forklar-eller-fjern/${id}`,
      exists: () => has(db, 'fef_items', id),
    };
  },
  initiative: async (db) => {
    const id = await anInitiative(db, 'Gåtur til postkassen');
    return {
      page: `/initiatives/${id}`, path: `/initiatives/${id}/delete`, unknown: '/initiatives/999999/delete',
      question: 'Vil du slette initiativet "Gåtur til postkassen"?', consequence: 'forløb, partnere, effektmål, borgerhistorier og kommentarer', button: 'Slet', back: `/initiatives/${id}`,
      exists: () => has(db, 'initiatives', id),
    };
  },
  'initiative partner': async (db) => {
    const initiative = await anInitiative(db, 'Gåtur til postkassen');
    const organisation = await anOrganisation(db, { name: 'Ældresagen Uldum' });
    const id = await addPartner(db, initiative, { organisation_id: organisation, person_id: null, contribution: '' }, SYSTEM, AT);
    return {
      page: `/initiatives/${initiative}`, path: `/initiatives/${initiative}/partners/${id}/delete`, unknown: `/initiatives/${initiative}/partners/999999/delete`,
      question: 'Vil du fjerne Ældresagen Uldum som partner i "Gåtur til postkassen"?', consequence: 'findes stadig', button: 'Fjern', back: `/initiatives/${initiative}#partnere`,
      exists: () => has(db, 'initiative_partners', id),
    };
  },
  'role evidence': async (db) => {
    const id = await anEvidence(db, { role_key: 'medbygger', team: 'Dagholdet', date: '2026-10-01' });
    return {
      page: '/roles/medbygger', path: `/roles/evidence/${id}/delete`, unknown: '/roles/evidence/999999/delete',
      question: 'Vil du slette rolleobservationen fra 01.10.2026 (Medbygger, Dagholdet)?', consequence: 'tæller ikke længere med', button: 'Slet', back: '/roles/medbygger',
      exists: () => has(db, 'role_evidence', id),
    };
  },
  'agenda item': async (db) => {
    const meeting = await aMeeting(db, { kind: 'dialogmoede' });
    const id = await anAgendaItem(db, meeting, { title: 'Status på gåturene' });
    return {
      page: `/meetings/${meeting}`, path: `/meetings/${meeting}/agenda/${id}/delete`, unknown: `/meetings/${meeting}/agenda/999999/delete`,
      question: 'Vil du fjerne punktet "Status på gåturene" fra dagsordenen?', consequence: 'Opfølgningspunkter fra punktet bliver stående under mødet som helhed', button: 'Fjern', back: `/meetings/${meeting}#punkt-${id}`,
      exists: () => has(db, 'agenda_items', id),
    };
  },
  'meeting action': async (db) => {
    const meeting = await aMeeting(db, { kind: 'dialogmoede' });
    const id = await anAction(db, meeting, { text: 'Ring til Ældresagen' });
    return {
      page: `/meetings/${meeting}/actions/${id}/edit`, path: `/meetings/${meeting}/actions/${id}/delete`, unknown: `/meetings/${meeting}/actions/999999/delete`,
      question: 'Vil du slette opfølgningspunktet "Ring til Ældresagen"?', consequence: 'forsvinder fra mødet og fra oversigten over opfølgning', button: 'Slet', back: `/meetings/${meeting}/actions/${id}/edit`,
      exists: () => has(db, 'actions', id),
    };
  },
  'meeting participant': async (db) => {
    const person = await aPerson(db, { name: 'Gitte Gæst' });
    const meeting = await aMeeting(db, { kind: 'dialogmoede', title: 'Dialog om gåture', participant_ids: [person] });
    return {
      page: `/meetings/${meeting}`, path: `/meetings/${meeting}/participants/${person}/delete`, unknown: `/meetings/${meeting}/participants/999999/delete`,
      question: 'Vil du fjerne Gitte Gæst fra mødet "Dialog om gåture"?', consequence: 'fremmøde for personen slettes', button: 'Fjern', back: `/meetings/${meeting}#deltagere`,
      exists: async () => !!(await db.selectFrom('meeting_participants').select('person_id').where('meeting_id', '=', meeting).where('person_id', '=', person).executeTakeFirst()),
    };
  },
};

describe.each(Object.keys(CASES))('deleting a %s', (name) => {
  it('links to a confirmation page that deletes nothing, and whose form deletes', async () => {
    const { app, db } = await testApp();
    const c = await CASES[name](db);
    const k = await signedIn(app, db, 'konsulent');

    const page = await k.agent.get(c.page);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`href="${c.path}`);
    expect(page.text).not.toContain(`action="${c.path}"`); // no delete in one click

    const ask = await k.agent.get(c.path);
    expect(ask.status).toBe(200);
    const html = unescapeHtml(ask.text);
    expect(html).toContain(`<h1>${c.question}</h1>`);
    expect(html).toContain(`<title>${c.question} · Uldum Samskabelse</title>`);
    expect(html).toContain(c.consequence);
    expect(ask.text).toMatch(new RegExp(`<form method="post" action="${c.path.replace(/[?]/g, '\\?')}"[^>]*>\\s*<input type="hidden" name="_csrf" value="[^"]+">`));
    expect(ask.text).toContain(`<button type="submit" class="button--danger">${c.button}</button>`);
    expect(ask.text).toContain(`<a href="${c.back}">Fortryd</a>`);
    expect(await c.exists()).toBe(true);

    const done = await k.post(c.path);
    expect(done.status).toBe(303);
    expect(await c.exists()).toBe(false);
  });

  it('answers 403 to a reader and a representative, and 404 to an id that does not exist', async () => {
    const { app, db } = await testApp();
    const c = await CASES[name](db);
    for (const role of ['laeser', 'repraesentant'] as const) {
      const other = await signedIn(app, db, role);
      expect((await other.agent.get(c.path)).status).toBe(403);
    }
    const k = await signedIn(app, db, 'konsulent');
    expect((await k.agent.get(c.unknown)).status).toBe(404);
    expect(await c.exists()).toBe(true);
  });
});

describe('the confirmation page', () => {
  it('keeps where to return to after deleting a role observation', async () => {
    const { app, db } = await testApp();
    const id = await anEvidence(db, { role_key: 'medbygger', team: 'Dagholdet' });
    const k = await signedIn(app, db, 'konsulent');
    const ask = await k.agent.get(`/roles/evidence/${id}/delete`).query({ return: '/people/1' });
    expect(ask.text).toContain('<input type="hidden" name="return" value="/people/1">');
    expect(ask.text).toContain('<a href="/people/1">Fortryd</a>');
    const other = await k.agent.get(`/roles/evidence/${id}/delete`).query({ return: '//evil.example' });
    expect(other.text).not.toContain('evil.example');
  });

  it('sends a locked meeting’s deletes back to the meeting with the lock message', async () => {
    const { app, db } = await testApp();
    const person = await aPerson(db);
    const meeting = await aHeldMeeting(db, { kind: 'dialogmoede', participant_ids: [person] });
    const item = await anAgendaItem(db, meeting);
    const action = await anAction(db, meeting);
    await sendForApproval(db, meeting, SYSTEM_ACTOR, AT); // the minutes lock the meeting's content
    const k = await signedIn(app, db, 'konsulent');
    for (const path of [`/meetings/${meeting}/agenda/${item}/delete`, `/meetings/${meeting}/actions/${action}/delete`, `/meetings/${meeting}/participants/${person}/delete`]) {
      const res = await k.agent.get(path);
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/meetings/${meeting}`);
    }
  });
});
