// A person's e-mail in the GDPR export and when the person is anonymised.
import { freshDb, TEST_NOW } from '../helpers/app';
import { createAccount } from '../../server/accounts/service';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { requestPasswordReset } from '../../server/accounts/by-email';
import { anonymisePerson, exportPerson } from '../../server/people/service';
import { message, queue } from '../mail/helpers';

const AT = new Date(TEST_NOW);

async function withMail() {
  const { db } = await freshDb();
  const userId = await createAccount(db, { email: 'gitte@foa.example.dk', password: 'en-lang-adgangskode', role: 'repraesentant', name: 'Gitte Gram' }, SYSTEM_ACTOR, AT);
  const { person_id: personId } = await db.selectFrom('users').select('person_id').where('id', '=', userId).executeTakeFirstOrThrow();
  await requestPasswordReset(db, 'gitte@foa.example.dk', { at: AT, appUrl: 'https://uldum.example.dk', mail: true });
  await queue(
    db,
    message(AT, { kind: 'minutes_for_approval', subject: 'Referatet venter', to: { address: 'gitte@foa.example.dk', name: 'Gitte Gram', personId } }),
    message(AT, { subject: 'Gitte Gram har godkendt', text: 'Gitte Gram har godkendt referatet.', to: { address: 'anden@foa.example.dk', name: 'Anden' } }),
  );
  return { db, userId, personId };
}

describe("a person's e-mail", () => {
  it('is in the export without the messages’ text or the links’ keys', async () => {
    const { db, personId } = await withMail();
    const exported = (await exportPerson(db, personId, AT)) as Record<string, { beskeder: Array<Record<string, unknown>>; links_til_adgangskode: unknown[] }>;
    const part = exported.e_mails;
    expect(part.beskeder.map((b) => [b.kind, b.subject, b.to_address])).toEqual([
      ['password_reset', 'Nulstil din adgangskode til Uldum Samskabelse', 'gitte@foa.example.dk'],
      ['minutes_for_approval', 'Referatet venter', 'gitte@foa.example.dk'],
    ]);
    expect(part.links_til_adgangskode).toEqual([{ purpose: 'reset', created_at: TEST_NOW, expires_at: expect.any(String), used_at: null }]);
    expect(JSON.stringify(exported)).not.toContain('/nulstil/');
  });

  it('is deleted with the links when the person is anonymised; mail to others naming them is rewritten', async () => {
    const { db, userId, personId } = await withMail();
    await anonymisePerson(db, personId, SYSTEM_ACTOR, AT);
    expect(await db.selectFrom('outbox').select(['to_address', 'subject', 'text_body']).execute()).toEqual([
      { to_address: 'anden@foa.example.dk', subject: `Anonymiseret person ${personId} har godkendt`, text_body: `Anonymiseret person ${personId} har godkendt referatet.` },
    ]);
    expect(await db.selectFrom('account_tokens').select('id').where('user_id', '=', userId).execute()).toEqual([]);
  });
});
