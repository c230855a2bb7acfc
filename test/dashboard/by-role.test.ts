// The overview by role: a consultant sees their own work first (minutes to write, minutes awaiting
// approval and which party is missing, their deadlines with the overdue first); a representative
// the minutes awaiting their approval, then their actions; a reader the next meetings and the
// latest. The static texts live on /om-partnerskabet, linked from the main menu.
import { SYSTEM_ACTOR } from '../../server/db/audit';
import type { AppRole } from '../../server/db/schema';
import { approveMinutes, saveMinutesText } from '../../server/meetings/minutes';
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aHeldMeeting, aMeeting, aMeetingAwaitingApproval, anAction, aUser, personId } from '../helpers/factories';
import { unescapeHtml } from '../helpers/html';

const AT = new Date('2026-11-20T12:00:00Z');

function text(html: string): string {
  return unescapeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}

function sectionOf(html: string, headingId: string): string {
  const start = html.indexOf(`aria-labelledby="${headingId}"`);
  if (start < 0) throw new Error(`no section ${headingId} on the page`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The list items of a section, as text. */
function items(section: string): string[] {
  return [...section.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => text(m[1]));
}

/** The sections of the page's main part, by heading id, in the order shown. */
function sectionOrder(html: string): string[] {
  return [...html.matchAll(/<section aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
}

async function consultantWorld() {
  const t = await testApp(); // today is 24.11.2026
  const me = await signedIn(t.app, t.db, 'konsulent');
  const other = await signedIn(t.app, t.db, 'konsulent');
  const rene = await aUser(t.db, 'repraesentant', 'René G. Nielsen');
  // Held, minutes not started, I take the minutes.
  const mine = await aHeldMeeting(t.db, { title: 'Arbejdsgruppe om frivillige', day: '2026-11-18', minute_taker_id: me.personId });
  // Held, a draft begun, nobody named to take the minutes: the consultants' shared work.
  const nobodys = await aHeldMeeting(t.db, { title: 'Workshop om madspild', day: '2026-11-10' });
  await saveMinutesText(t.db, nobodys, { free_text: 'Udkast', next_meeting: '' }, SYSTEM_ACTOR, AT);
  // Held, another consultant takes the minutes: not my work.
  await aHeldMeeting(t.db, { title: 'Den andens møde', day: '2026-11-12', minute_taker_id: other.personId });
  // Sent for approval; Hedensted Kommune has approved, FOA has not.
  const sent = await aMeetingAwaitingApproval(t.db, { title: 'Partnerskabsmøde november', day: '2026-11-03' });
  await approveMinutes(t.db, sent, rene, AT);
  // Planned, not held: nothing to write yet.
  await aMeeting(t.db, { title: 'Næste partnerskabsmøde', day: '2026-12-08' });
  // My deadlines: one overdue, one later, one without a date, and one done.
  await anAction(t.db, mine, { text: 'Skriv til foreningerne', owner_id: me.personId, due_date: '2026-12-01' });
  await anAction(t.db, mine, { text: 'Book lokale', owner_id: me.personId, due_date: '2026-11-20' });
  await anAction(t.db, mine, { text: 'Find en dato', owner_id: me.personId, due_date: null });
  await anAction(t.db, mine, { text: 'Allerede gjort', owner_id: me.personId, due_date: '2026-11-01', status: 'udfoert' });
  return { ...t, me, other, mine, nobodys, sent };
}

describe('/ for a consultant: my own work first', () => {
  it('lists the minutes I have to write: held meetings whose minutes are not sent, mine or nobody’s', async () => {
    const w = await consultantWorld();
    const html = (await w.me.agent.get('/')).text;
    const section = sectionOf(html, 'minutes-to-write-heading');
    expect(items(section)).toEqual(['Arbejdsgruppe om frivillige · 18.11.2026 · ikke påbegyndt', 'Workshop om madspild · 10.11.2026 · kladde påbegyndt']);
    expect(section).toContain(`<a href="/meetings/${w.mine}/minutes">Arbejdsgruppe om frivillige</a>`);
    expect(text((await w.other.agent.get('/')).text)).toContain('Den andens møde');
  });

  it('lists the minutes awaiting approval with the party that has not approved yet', async () => {
    const w = await consultantWorld();
    const section = sectionOf((await w.me.agent.get('/')).text, 'approval-status-heading');
    expect(items(section)).toEqual(['Partnerskabsmøde november · 03.11.2026 · mangler godkendelse fra FOA']);
    expect(section).toContain(`<a href="/meetings/${w.sent}/minutes">Partnerskabsmøde november</a>`);
  });

  it('shows my deadlines by due date, the overdue first and marked, those without a date last', async () => {
    const w = await consultantWorld();
    const section = sectionOf((await w.me.agent.get('/')).text, 'actions-heading');
    const mine = section.slice(0, section.indexOf('</table>'));
    const rows = [...mine.matchAll(/<tr( class="overdue")?>\s*<td>([^<]*)<\/td>\s*<td>([\s\S]*?)<\/td>/g)].map((m) => [text(m[2]), text(m[3]), !!m[1]]);
    expect(rows).toEqual([
      ['Book lokale', '20.11.2026 overskredet', true],
      ['Skriv til foreningerne', '01.12.2026', false],
      ['Find en dato', 'ingen frist', false],
    ]);
  });

  it('puts my work before the meetings, the shared numbers and the latest', async () => {
    const w = await consultantWorld();
    const order = sectionOrder((await w.me.agent.get('/')).text);
    const at = (id: string) => order.indexOf(id);
    // The partnership's deadlines (agenda, minutes, approval) come first when there are any.
    const first = order[0] === 'deadlines-heading' ? 1 : 0;
    expect(at('minutes-to-write-heading')).toBe(first);
    expect(at('approval-status-heading')).toBe(first + 1);
    expect(at('actions-heading')).toBe(first + 2);
    expect(at('meetings-heading')).toBeGreaterThan(at('actions-heading'));
    expect(at('initiatives-heading')).toBeGreaterThan(at('meetings-heading'));
  });

  it('says so when there is nothing to write or approve', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const html = (await k.agent.get('/')).text;
    expect(text(sectionOf(html, 'minutes-to-write-heading'))).toContain('Ingen referater venter på at blive skrevet.');
    expect(text(sectionOf(html, 'approval-status-heading'))).toContain('Ingen referater venter på godkendelse.');
  });
});

describe('/ for the other roles', () => {
  it('shows a representative the minutes awaiting their approval first, then their actions', async () => {
    const { app, db } = await testApp();
    const hanne = await signedIn(app, db, 'repraesentant', { personName: 'Hanne M. Petersen' });
    const earlier = await aMeeting(db, { title: 'Oktobermødet', day: '2026-10-06' });
    await anAction(db, earlier, { text: 'Hannes punkt', owner_id: hanne.personId, due_date: '2026-12-01' });
    await aMeetingAwaitingApproval(db, { title: 'Partnerskabsmøde november', day: '2026-11-03' });
    const html = (await hanne.agent.get('/')).text;
    const order = sectionOrder(html);
    expect(order.slice(0, 3)).toEqual(['awaiting-heading', 'actions-heading', 'meetings-heading']);
    expect(html).not.toContain('minutes-to-write-heading');
    expect(items(sectionOf(html, 'awaiting-heading'))).toEqual(['Partnerskabsmøde november · 03.11.2026']);
  });

  it('shows a reader the next meetings first and the latest, none of the consultant’s work', async () => {
    const { app, db } = await testApp();
    const reader = await signedIn(app, db, 'laeser');
    await aMeeting(db, { title: 'Næste partnerskabsmøde', day: '2026-12-08' });
    const html = (await reader.agent.get('/')).text;
    const order = sectionOrder(html);
    expect(order[0]).toBe('meetings-heading');
    expect(order).toEqual(expect.arrayContaining(['decisions-heading', 'learnings-heading']));
    expect(order).not.toEqual(expect.arrayContaining(['minutes-to-write-heading']));
    expect(order).not.toEqual(expect.arrayContaining(['approval-status-heading']));
  });

  it.each(['admin', 'konsulent', 'repraesentant', 'laeser'] as AppRole[])('keeps the chart numbers for a %s, folded under the chart', async (role) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, role);
    const html = (await user.agent.get('/')).text;
    const folded = [...html.matchAll(/<\/figure>\s*<details class="chart-numbers">\s*<summary>Se tallene<\/summary>\s*(?:<div[^>]*>\s*)?<table class="table numbers">/g)];
    expect(folded.length).toBeGreaterThanOrEqual(2); // roles and actions always; initiatives and attendance when there is data
    expect(html).not.toMatch(/<\/figure>\s*(?:<div[^>]*>\s*)?<table/);
  });
});

describe('/om-partnerskabet', () => {
  it.each(['admin', 'konsulent', 'repraesentant', 'laeser'] as AppRole[])('shows a %s the roles, core tasks and focus aspects, linked from the main menu', async (role) => {
    const { app, db } = await testApp();
    const user = await signedIn(app, db, role);
    const overview = (await user.agent.get('/')).text;
    expect(overview).toContain('<a href="/om-partnerskabet">Om partnerskabet</a>');
    expect(overview).not.toContain('Medarbejder med vilje');
    expect(overview).not.toContain('De fem aspekter');
    const res = await user.agent.get('/om-partnerskabet');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Om partnerskabet</h1>');
    expect(res.text).toContain('<a href="/om-partnerskabet" aria-current="page">Om partnerskabet</a>');
    for (const name of ['Ressourcedetektor', 'Medbygger', 'Oversætter', 'Udforsker', 'Initiativdyrker', 'Meningsskaber', 'Netværkssmed', 'Effektjæger']) {
      expect(res.text).toMatch(new RegExp(`<dt><a href="/roles/[a-z]+">${name}</a></dt>`));
    }
    for (const k of ['Fritid og Fællesskab', 'Læring', 'Beskæftigelse', 'Social Omsorg']) expect(res.text).toMatch(new RegExp(`<li><a href="/initiatives\\?kerneopgave=[a-z-]+">${k}</a></li>`));
    for (const a of ['Kerneopgaven', 'Tillid', 'Ledelse', 'Faglighed', 'Afbureaukratisering']) expect(res.text).toContain(`<dt>${a}</dt>`);
    expect(await personId(db, 'Hanne M. Petersen')).toBeGreaterThan(0);
  });

  it('needs a signed-in user', async () => {
    const { app, db } = await testApp();
    await signedIn(app, db, 'admin'); // set-up is done
    const res = await (await import('supertest')).default(app).get('/om-partnerskabet');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });
});
