// A record has one URL: an id with a leading zero (or anything but plain digits) is not found,
// not a second address for the same page.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { anAgendaItem, aMeeting, anOrganisation, aPerson } from '../helpers/factories';

describe('ids in URLs', () => {
  it('answers 404 for a leading zero on every kind of record, and 200 for the plain id', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'konsulent');
    const meeting = await aMeeting(t.db, { title: 'Mødet med ét id' });
    const item = await anAgendaItem(t.db, meeting, { title: 'Punktet' });
    const person = await aPerson(t.db, { name: 'Ida Id' });
    const organisation = await anOrganisation(t.db, { name: 'Id-foreningen' });
    const partnership = (await t.db.selectFrom('partnerships').select('id').executeTakeFirstOrThrow()).id;

    const pages: Array<[string, string]> = [
      [`/meetings/${meeting}`, `/meetings/0${meeting}`],
      [`/meetings/${meeting}/edit`, `/meetings/00${meeting}/edit`],
      [`/meetings/${meeting}/agenda/${item}/edit`, `/meetings/${meeting}/agenda/0${item}/edit`],
      [`/meetings/${meeting}/agenda/${item}/edit`, `/meetings/0${meeting}/agenda/${item}/edit`],
      [`/meetings/${meeting}/minutes.md`, `/meetings/0${meeting}/minutes.md`],
      [`/people/${person}`, `/people/0${person}`],
      [`/organisations/${organisation}`, `/organisations/0${organisation}`],
      [`/partnerships/${partnership}`, `/partnerships/0${partnership}`],
    ];
    for (const [plain, padded] of pages) {
      expect([plain, (await user.agent.get(plain)).status]).toEqual([plain, 200]);
      expect([padded, (await user.agent.get(padded)).status]).toEqual([padded, 404]);
    }
    for (const bad of ['/meetings/0', '/meetings/+1', '/meetings/1.0', '/people/%201']) {
      expect([bad, (await user.agent.get(bad)).status]).toEqual([bad, 404]);
    }
  });

  it('refuses a leading zero on a form post too, changing nothing', async () => {
    const t = await testApp();
    const user = await signedIn(t.app, t.db, 'konsulent');
    const person = await aPerson(t.db, { name: 'Uændret Person' });
    const res = await user.post(`/people/0${person}`, { name: 'Ændret Person', position: 'andet', active: 'on' });
    expect(res.status).toBe(404);
    const row = await t.db.selectFrom('people').select('name').where('id', '=', person).executeTakeFirstOrThrow();
    expect(row.name).toBe('Uændret Person');
  });
});
