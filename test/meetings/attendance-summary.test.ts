// The parties' attendance at a glance on the meeting page: per party who came, sent apologies
// (afbud) or stayed away; everyone else counted as "Øvrige deltagere".
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aMeeting, aPerson, organisationId, personId } from '../helpers/factories';
import { unescapeHtml } from '../helpers/html';
import { CONSULTANT_NAME } from '../../seeds/partnership';

/** The lines of the summary, as text. */
function summary(html: string): string[] {
  const list = /<ul class="party-attendance">([\s\S]*?)<\/ul>/.exec(html);
  if (!list) return [];
  return [...list[1].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => unescapeHtml(m[1].replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim());
}

describe('attendance per party on the meeting page', () => {
  it('counts each party’s people, the consultant under their organisation and guests apart', async () => {
    const { app, db } = await testApp();
    const names = ['Hanne M. Petersen', 'Per Lange', 'René G. Nielsen', 'Jesper Thyrring Møller', CONSULTANT_NAME];
    const [hanne, per, rene, jesper, consultant] = await Promise.all(names.map((n) => personId(db, n)));
    const guest = await aPerson(db, { name: 'Leder af plejecentret', organisation_id: await organisationId(db, 'Plejecentret i Uldum') });
    const meeting = await aMeeting(db, { participant_ids: [hanne, per, rene, jesper, consultant, guest] });
    const k = await signedIn(app, db, 'konsulent');

    expect(summary((await k.agent.get(`/meetings/${meeting}`)).text)).toEqual([
      'Hedensted Kommune: 0 deltog, 0 afbud, 0 udeblev, 3 ikke registreret (3 inviteret)',
      'FOA: 0 deltog, 0 afbud, 0 udeblev, 2 ikke registreret (2 inviteret)',
      'Øvrige deltagere: 0 deltog, 0 afbud, 0 udeblev, 1 ikke registreret (1 inviteret)',
    ]);

    await k.post(`/meetings/${meeting}/attendance`, {
      [`attendance_${hanne}`]: 'deltog',
      [`attendance_${per}`]: 'afbud',
      [`attendance_${rene}`]: 'deltog',
      [`attendance_${jesper}`]: 'udeblev',
      [`attendance_${guest}`]: 'deltog',
    });
    const l = await signedIn(app, db, 'laeser');
    expect(summary((await l.agent.get(`/meetings/${meeting}`)).text)).toEqual([
      'Hedensted Kommune: 1 deltog, 0 afbud, 1 udeblev, 1 ikke registreret (3 inviteret)',
      'FOA: 1 deltog, 1 afbud, 0 udeblev (2 inviteret)',
      'Øvrige deltagere: 1 deltog, 0 afbud, 0 udeblev (1 inviteret)',
    ]);
  });

  it('shows FOA with one present and no apologies', async () => {
    const { app, db } = await testApp();
    const hanne = await personId(db, 'Hanne M. Petersen');
    const meeting = await aMeeting(db, { participant_ids: [hanne] });
    const k = await signedIn(app, db, 'konsulent');
    await k.post(`/meetings/${meeting}/attendance`, { [`attendance_${hanne}`]: 'deltog' });
    const lines = summary((await k.agent.get(`/meetings/${meeting}`)).text);
    expect(lines).toContain('FOA: 1 deltog, 0 afbud, 0 udeblev (1 inviteret)');
    expect(lines).toContain('Hedensted Kommune: 0 deltog, 0 afbud, 0 udeblev (0 inviteret)');
    expect(lines.some((line) => line.startsWith('Øvrige deltagere'))).toBe(false);
  });

  it('lists the parties with nobody invited yet', async () => {
    const { app, db } = await testApp();
    const meeting = await aMeeting(db);
    const l = await signedIn(app, db, 'laeser');
    const page = await l.agent.get(`/meetings/${meeting}`);
    expect(summary(page.text)).toEqual(['Hedensted Kommune: 0 deltog, 0 afbud, 0 udeblev (0 inviteret)', 'FOA: 0 deltog, 0 afbud, 0 udeblev (0 inviteret)']);
    expect(page.text).toContain('Ingen er inviteret endnu.');
  });
});
