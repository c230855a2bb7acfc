// What ties an initiative to the rest: agenda items and follow-up actions that concern it (both
// ways), and the alerts for funding that ends without an anchoring plan and for trial actions
// past their period without a result, on the initiative page, in the list and on the dashboard.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { flashes } from '../helpers/html';
import { aMeeting, anAction, anAgendaItem, personId } from '../helpers/factories';
import { anInitiative, initiativeRow, sectionOf, validForm } from './helpers';

describe('agenda items and actions that concern an initiative', () => {
  it('links an agenda item chosen on the agenda form both ways', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const gaaklub = await anInitiative(db, { title: 'Gåklubben' });
    const trial = await anInitiative(db, { title: 'Ingen skemaer', kind: 'proevehandling' });
    const other = await anInitiative(db, { title: 'Uvedkommende' });
    const meeting = await aMeeting(db, { title: 'Partnerskabsmøde december', day: '2026-12-08' });

    const form = await k.agent.get(`/meetings/${meeting}/agenda/new`);
    expect(form.text).toContain(`value="${gaaklub}"`);
    expect(form.text).toContain('Ingen skemaer (prøvehandling)');

    const res = await k.post(`/meetings/${meeting}/agenda`, { title: 'Status på gåturene', kind: 'beslutning', decision: 'Vi fortsætter til marts', initiative_ids: [String(gaaklub), String(trial)] });
    expect(res.status).toBe(303);
    const item = (await db.selectFrom('agenda_items').select('id').where('title', '=', 'Status på gåturene').executeTakeFirstOrThrow()).id;

    const page = await k.agent.get(`/initiatives/${gaaklub}`);
    const meetings = sectionOf(page.text, 'moeder');
    expect(meetings).toContain(`<a href="/meetings/${meeting}#punkt-${item}">Status på gåturene</a> – Partnerskabsmøde december, tirsdag 8. december 2026`);
    expect(meetings).toContain('Beslutning: Vi fortsætter til marts');
    expect(sectionOf((await k.agent.get(`/initiatives/${trial}`)).text, 'moeder')).toContain('Status på gåturene');
    expect(sectionOf((await k.agent.get(`/initiatives/${other}`)).text, 'moeder')).toContain('Initiativet er ikke behandlet på et møde endnu.');

    const meetingPage = (await k.agent.get(`/meetings/${meeting}`)).text;
    expect(meetingPage).toMatch(new RegExp(`Initiativer: <a href="/initiatives/${gaaklub}">Gåklubben</a>, <a href="/initiatives/${trial}">Ingen skemaer</a>|Initiativer: <a href="/initiatives/${trial}">Ingen skemaer</a>, <a href="/initiatives/${gaaklub}">Gåklubben</a>`));
    expect(meetingPage).not.toContain('Uvedkommende');

    // Unticking the initiative on the item removes the link from its page.
    expect((await k.post(`/meetings/${meeting}/agenda/${item}`, { title: 'Status på gåturene', kind: 'beslutning', initiative_ids: [String(trial)] })).status).toBe(303);
    expect(sectionOf((await k.agent.get(`/initiatives/${gaaklub}`)).text, 'moeder')).not.toContain('Status på gåturene');
  });

  it('links a follow-up action chosen on the action form, with owner, due date and status', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await anInitiative(db, { title: 'Gåklubben' });
    const meeting = await aMeeting(db, { title: 'Arbejdsgruppen' });
    const form = await k.agent.get(`/meetings/${meeting}/actions/new?initiative_id=${id}`);
    expect(form.text).toContain(`<option value="${id}" selected>Gåklubben</option>`);
    const hanne = await personId(db, 'Hanne M. Petersen');
    const res = await k.post(`/meetings/${meeting}/actions`, { text: 'Find tre frivillige', owner_id: String(hanne), due_date: '2026-12-15', status: 'aaben', initiative_id: String(id) });
    expect(res.status).toBe(303);
    expect((await db.selectFrom('actions').select('initiative_id').where('text', '=', 'Find tre frivillige').executeTakeFirstOrThrow()).initiative_id).toBe(id);
    const meetings = sectionOf((await k.agent.get(`/initiatives/${id}`)).text, 'moeder');
    expect(meetings).toContain(`Find tre frivillige – Hanne M. Petersen, frist 15.12.2026 (Åben) · <a href="/meetings/${meeting}#opfoelgning">Arbejdsgruppen</a>`);
    expect(meetings).not.toContain('ikke behandlet på et møde');
  });

  it('shows actions made by the service and items linked through it, each once', async () => {
    const { app, db } = await testApp();
    const id = await anInitiative(db, { title: 'Gåklubben' });
    const meeting = await aMeeting(db, { title: 'Mødet' });
    await anAgendaItem(db, meeting, { title: 'Punkt om gåklubben', initiative_ids: [id] });
    await anAction(db, meeting, { text: 'Opfølgning om gåklubben', initiative_id: id });
    await anAction(db, meeting, { text: 'Noget helt andet' });
    const l = await signedIn(app, db, 'laeser');
    const meetings = sectionOf((await l.agent.get(`/initiatives/${id}`)).text, 'moeder');
    expect(meetings.match(/Punkt om gåklubben/g)).toHaveLength(1);
    expect(meetings.match(/Opfølgning om gåklubben/g)).toHaveLength(1);
    expect(meetings).not.toContain('Noget helt andet');
    expect(meetings).toContain('ingen ansvarlig');
  });
});

describe('funding that ends without an anchoring plan', () => {
  const WARNING = 'og der er ingen plan for forankring';

  it('warns on the page, in the list and on the dashboard for an end within 60 days (today and day 60 included)', async () => {
    const { app, db } = await testApp();
    const cases: Array<[string, string, boolean]> = [
      ['Slutter i dag', '2026-11-24', true],
      ['Slutter om 60 dage', '2027-01-23', true],
      ['Slutter om 61 dage', '2027-01-24', false],
      ['Sluttede i går', '2026-11-23', false],
    ];
    const ids: number[] = [];
    for (const [title, funding_ends] of cases) ids.push(await anInitiative(db, { title, funding_ends, funding: 'Puljemidler' }));
    const l = await signedIn(app, db, 'laeser');
    const dashboard = (await l.agent.get('/')).text;
    expect(dashboard).toContain('Midler slutter snart – uden forankringsplan');
    const funding = sectionOf(dashboard, 'funding-heading');
    for (const [i, [title, , warned]] of cases.entries()) {
      const page = (await l.agent.get(`/initiatives/${ids[i]}`)).text;
      expect([title, page.includes(WARNING)]).toEqual([title, warned]);
      expect([title, funding.includes(`<a href="/initiatives/${ids[i]}">${title}</a>`)]).toEqual([title, warned]);
    }
    expect(funding).toContain('Slutter i dag</a>: midlerne slutter 24.11.2026');
    expect(funding).toContain('Slutter om 60 dage</a>: midlerne slutter 23.01.2027');
    expect((await l.agent.get(`/initiatives/${ids[0]}`)).text).toContain('Midlerne slutter 24.11.2026, og der er ingen plan for forankring.');
    const list = (await l.agent.get('/initiatives')).text;
    expect(list.match(/ingen forankringsplan<\/span>/g)).toHaveLength(2);
    expect(list).toContain('midler slutter 23.01.2027 – ingen forankringsplan');
  });

  it('is gone once an anchoring plan is written through the edit form', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await anInitiative(db, { title: 'Gåklubben', funding_ends: '2026-12-31' });
    expect((await k.agent.get(`/initiatives/${id}`)).text).toContain(WARNING);
    const res = await k.post(`/initiatives/${id}`, validForm({ title: 'Gåklubben', funding_ends: '2026-12-31', anchoring_plan: 'Plejecentret overtager gåturene i driften.' }));
    expect(res.status).toBe(303);
    const page = (await k.agent.get(`/initiatives/${id}`)).text;
    expect(page).not.toContain(WARNING);
    expect(page).toContain('Plejecentret overtager gåturene i driften.');
    expect((await k.agent.get('/')).text).not.toContain('Midler slutter snart');
  });

  it('is gone when the initiative is stopped or anchored, and when the date has passed', async () => {
    const { app, db, clock } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const stopped = await anInitiative(db, { title: 'Stoppes', funding_ends: '2026-12-31' });
    const anchored = await anInitiative(db, { title: 'Forankres', funding_ends: '2026-12-31' });
    const running = await anInitiative(db, { title: 'Kører', funding_ends: '2026-11-24' });
    await k.post(`/initiatives/${stopped}/status`, { status: 'stoppet', reason: 'Ingen midler' });
    await k.post(`/initiatives/${anchored}/status`, { status: 'forankret', reason: 'Driften overtager' });
    expect((await k.agent.get(`/initiatives/${stopped}`)).text).not.toContain(WARNING);
    expect((await k.agent.get(`/initiatives/${anchored}`)).text).not.toContain(WARNING);
    const funding = sectionOf((await k.agent.get('/')).text, 'funding-heading');
    expect(funding).toContain('Kører');
    expect(funding).not.toContain('Stoppes');
    expect(funding).not.toContain('Forankres');
    // Midnight in Copenhagen (23:00 UTC): the funding ended yesterday.
    clock.set('2026-11-24T23:00:00Z');
    expect((await k.agent.get(`/initiatives/${running}`)).text).not.toContain(WARNING);
    expect((await k.agent.get('/')).text).not.toContain('Midler slutter snart');
  });
});

describe('trial actions past their period without a result', () => {
  const WARNING = 'men resultatet er ikke skrevet';

  it('flags a trial that ended yesterday, not one that ends today, on the page, in the list and on the dashboard', async () => {
    const { app, db } = await testApp();
    const over = await anInitiative(db, { title: 'Sluttede i går', kind: 'proevehandling', trial_start: '2026-09-28', status: 'afproeves' }); // 8 weeks → 2026-11-23
    const today = await anInitiative(db, { title: 'Slutter i dag', kind: 'proevehandling', trial_start: '2026-09-29', status: 'afproeves' });
    expect((await initiativeRow(db, over))!.trial_end).toBe('2026-11-23');
    expect((await initiativeRow(db, today))!.trial_end).toBe('2026-11-24');
    const l = await signedIn(app, db, 'laeser');
    const page = (await l.agent.get(`/initiatives/${over}`)).text;
    expect(page).toContain('Prøvehandlingens periode sluttede 23.11.2026, men resultatet er ikke skrevet.');
    expect((await l.agent.get(`/initiatives/${today}`)).text).not.toContain(WARNING);
    const list = (await l.agent.get('/initiatives')).text;
    expect(list.match(/periode slut – resultat mangler/g)).toHaveLength(1);
    expect(list).toMatch(new RegExp(`Sluttede i går</a> <span class="badge">prøvehandling</span>\\s*\\s*<br><span class="badge badge--warning">periode slut – resultat mangler</span>`));
    const trials = sectionOf((await l.agent.get('/')).text, 'trials-heading');
    expect(trials).toContain('2 afprøves nu</a> · <a href="/initiatives?trial=overdue">1 er slut uden resultat</a>');
    expect(trials).toContain(`<a href="/initiatives/${over}">Sluttede i går</a>: perioden sluttede 23.11.2026, resultat mangler`);
    expect(trials).not.toContain('Slutter i dag</a>:');
  });

  it('is no longer flagged once the result is written or the trial is stopped', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const a = await anInitiative(db, { title: 'Får resultat', kind: 'proevehandling', trial_start: '2026-09-01' });
    const b = await anInitiative(db, { title: 'Stoppes', kind: 'proevehandling', trial_start: '2026-09-01' });
    expect(sectionOf((await k.agent.get('/')).text, 'trials-heading')).toContain('2 er slut uden resultat');
    const res = await k.post(
      `/initiatives/${a}`,
      validForm({ title: 'Får resultat', kind: 'proevehandling', start_date: '', end_date: '', trial_start: '2026-09-01', result: 'Personalet fik 40 minutter mere pr. vagt.', trial_decision: 'forankres' }),
    );
    expect(res.status).toBe(303);
    expect(await initiativeRow(db, a)).toMatchObject({ trial_end: '2026-10-27', result: 'Personalet fik 40 minutter mere pr. vagt.', trial_decision: 'forankres' });
    const page = (await k.agent.get(`/initiatives/${a}`)).text;
    expect(page).not.toContain(WARNING);
    expect(page).toContain('<dt>Beslutning</dt><dd>Forankres</dd>');
    await k.post(`/initiatives/${b}/status`, { status: 'stoppet', reason: 'Borgerne ønskede det ikke' });
    expect(flashes((await k.agent.get(`/initiatives/${b}`)).text)).toContain('Status er ændret til "Stoppet".');
    expect((await k.agent.get(`/initiatives/${b}`)).text).not.toContain(WARNING);
    const dashboard = (await k.agent.get('/')).text;
    expect(dashboard).not.toContain('resultat mangler');
    expect(dashboard).not.toContain('er slut uden resultat');
    expect((await k.agent.get('/initiatives')).text).not.toContain('periode slut – resultat mangler');
  });

  it('counts the day in Copenhagen: just after midnight a trial that ended yesterday is overdue', async () => {
    const { app, db, clock } = await testApp();
    const id = await anInitiative(db, { title: 'Midnat', kind: 'proevehandling', trial_start: '2026-09-29' }); // ends 2026-11-24
    const l = await signedIn(app, db, 'laeser');
    clock.set('2026-11-24T22:30:00Z'); // 23:30 in Copenhagen, still the 24th
    expect((await l.agent.get(`/initiatives/${id}`)).text).not.toContain(WARNING);
    clock.set('2026-11-24T23:30:00Z'); // 00:30 on the 25th in Copenhagen
    expect((await l.agent.get(`/initiatives/${id}`)).text).toContain(WARNING);
    expect(sectionOf((await l.agent.get('/')).text, 'trials-heading')).toContain('1 er slut uden resultat');
  });
});
