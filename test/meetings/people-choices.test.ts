// Who is offered as an action's owner and found to invite to a meeting: people who take part in
// the work — partnership members, anyone invited to a meeting, and people whose position is not
// "Andet" — not every user account (readers and administrators get a person with position "Andet").
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { aMeeting, anAction, aPerson, personId } from '../helpers/factories';
import { selectedValue, unescapeHtml } from '../helpers/html';

/** The option labels of a select field. */
function optionsOf(html: string, field: string): string[] {
  const select = new RegExp(`<select id="f-${field}"[^>]*>([\\s\\S]*?)</select>`).exec(html)![1];
  return [...select.matchAll(/<option value="[^"]*"[^>]*>([^<]*)<\/option>/g)].map((m) => unescapeHtml(m[1]));
}

/** The names the meeting page's invite search finds. */
function invitable(html: string): string[] {
  return [...html.matchAll(/<input type="hidden" name="person_id" value="\d+">\s*([^<(]*?)\s*(?:\(|<)/g)].map((m) => unescapeHtml(m[1]));
}

async function world() {
  const t = await testApp();
  const k = await signedIn(t.app, t.db, 'konsulent', { personName: 'Hanne M. Petersen' });
  const reader = await signedIn(t.app, t.db, 'laeser'); // person "Test laeser N", position Andet
  const admin = await signedIn(t.app, t.db, 'admin'); // person "Test admin N", position Andet
  await aPerson(t.db, { name: 'Mette Medarbejder', position: 'medarbejder' });
  await aPerson(t.db, { name: 'Anders Andet', position: 'andet' });
  const guest = await aPerson(t.db, { name: 'Gitte Gæst', position: 'andet' });
  await aMeeting(t.db, { title: 'Tidligere møde', participant_ids: [guest] });
  const meeting = await aMeeting(t.db, { title: 'Mødet', kind: 'workshop' });
  return { ...t, k, reader, admin, meeting, readerName: `Test laeser`, adminName: `Test admin` };
}

describe('people offered for the work', () => {
  it('offers as owner the partnership’s members, people with a position and those invited before; not readers, administrators or signatories', async () => {
    const w = await world();
    const names = optionsOf((await w.k.agent.get(`/meetings/${w.meeting}/actions/new`)).text, 'owner_id');
    expect(names).toEqual(expect.arrayContaining(['Hanne M. Petersen (FOA)', 'René G. Nielsen (Hedensted Kommune)', 'Mette Medarbejder', 'Gitte Gæst']));
    expect(names.filter((n) => /^Test (laeser|admin)|Anders Andet|Dennis Kristensen|Kirsten Terkilsen/.test(n))).toEqual([]);
  });

  it('keeps the current owner selectable when editing, even if they would not be offered', async () => {
    const w = await world();
    const action = await anAction(w.db, w.meeting, { text: 'Læserens punkt', owner_id: w.reader.personId });
    const html = (await w.k.agent.get(`/meetings/${w.meeting}/actions/${action}/edit`)).text;
    expect(selectedValue(html, 'owner_id')).toBe(String(w.reader.personId));
    expect(optionsOf(html, 'owner_id').filter((n) => n.startsWith('Test admin'))).toEqual([]);
  });

  it('finds only people in the work when inviting to a meeting', async () => {
    const w = await world();
    const find = async (q: string) => invitable((await w.k.agent.get(`/meetings/${w.meeting}?invite_q=${encodeURIComponent(q)}`)).text);
    expect(await find('Mette')).toEqual(['Mette Medarbejder']);
    expect(await find('Gitte')).toEqual(['Gitte Gæst']);
    expect(await find('Test')).toEqual([]);
    expect(await find('Anders')).toEqual([]);
    expect(await find('Dennis')).toEqual([]);
    expect(await find('Per Lange')).toEqual(['Per Lange']);
    expect(await personId(w.db, 'Dennis Kristensen')).toBeGreaterThan(0);
  });
});
