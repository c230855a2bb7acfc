// The initiative form: status is set in the form (and logged), and the trial-action fields count
// only for a prøvehandling — shown for it, ignored and cleared for any other kind.
import { signedIn } from '../helpers/agent';
import { testApp } from '../helpers/app';
import { auditOf } from '../helpers/db';
import { fieldError, selectedValue } from '../helpers/html';
import { anInitiative, initiativeRow, validForm } from './helpers';

const TRIAL = {
  hypothesis: 'Uden skemaet får personalet mere tid.',
  freedom_from: 'Skemaet',
  freedom_to: 'En samtale',
  trial_start: '2027-01-04',
  trial_end: '2027-03-01',
  success_criteria: '30 minutter',
  result: 'Det virkede.',
  trial_decision: 'forankres',
};

function statusLog(db: Awaited<ReturnType<typeof testApp>>['db'], id: number) {
  return db.selectFrom('initiative_status_log').select(['from_status', 'to_status', 'reason']).where('initiative_id', '=', id).orderBy('id').execute();
}

describe('the status field of the initiative form', () => {
  it('offers every status, "Idé" for a new initiative and the current one when editing', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const fresh = await k.agent.get('/initiatives/new');
    expect(selectedValue(fresh.text, 'status')).toBe('ide');
    for (const label of ['Idé', 'Planlagt', 'Afprøves', 'Evalueres', 'Forankret', 'Stoppet', 'Pause']) expect(fresh.text).toContain(`>${label}</option>`);
    const id = await anInitiative(db, { status: 'afproeves' });
    expect(selectedValue((await k.agent.get(`/initiatives/${id}/edit`)).text, 'status')).toBe('afproeves');
  });

  it('creates an initiative with the status chosen and logs it', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post('/initiatives', validForm({ status: 'planlagt' }));
    expect(res.status).toBe(303);
    const id = Number(res.headers.location.split('/').pop());
    expect((await initiativeRow(db, id))!.status).toBe('planlagt');
    expect(await statusLog(db, id)).toEqual([{ from_status: null, to_status: 'planlagt', reason: 'Oprettet' }]);
  });

  it('changes the status on edit, logs the change with the reason given (or says it was edited) and audits it', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await anInitiative(db, { title: 'Gåtur til postkassen' });
    expect((await k.post(`/initiatives/${id}`, validForm({ status: 'afproeves', status_reason: 'Vi er i gang' }))).status).toBe(303);
    expect((await k.post(`/initiatives/${id}`, validForm({ status: 'evalueres' }))).status).toBe(303);
    expect((await k.post(`/initiatives/${id}`, validForm({ status: 'evalueres', title: 'Ny titel' }))).status).toBe(303);
    expect((await initiativeRow(db, id))!.status).toBe('evalueres');
    expect(await statusLog(db, id)).toEqual([
      { from_status: null, to_status: 'ide', reason: 'Oprettet' },
      { from_status: 'ide', to_status: 'afproeves', reason: 'Vi er i gang' },
      { from_status: 'afproeves', to_status: 'evalueres', reason: 'Ændret under redigering af initiativet' },
    ]);
    const updates = (await auditOf(db, 'initiative', id)).filter((e) => e.action === 'update');
    expect(updates.map((e) => JSON.parse(e.after!).status)).toEqual(['afproeves', 'evalueres', 'evalueres']);
    expect(updates.every((e) => e.user_id === k.userId)).toBe(true);
  });

  it('keeps the status when the form sends none, and refuses an unknown one with 422', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const id = await anInitiative(db, { status: 'afproeves' });
    const { status: _omitted, ...withoutStatus } = validForm();
    expect((await k.post(`/initiatives/${id}`, withoutStatus)).status).toBe(303);
    expect((await initiativeRow(db, id))!.status).toBe('afproeves');
    const bad = await k.post(`/initiatives/${id}`, validForm({ status: 'opfundet' }));
    expect(bad.status).toBe(422);
    expect(fieldError(bad.text, 'status')).toBe('Vælg en status fra listen');
  });
});

describe('the trial-action fields of the initiative form', () => {
  it('puts them in a fieldset that the script shows only for a prøvehandling, visible without the script', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const html = (await k.agent.get('/initiatives/new')).text;
    const fieldset = /<fieldset class="trial-fields" data-shown-for-kind="proevehandling">([\s\S]*?)<\/fieldset>/.exec(html);
    expect(fieldset).not.toBeNull();
    for (const name of Object.keys(TRIAL)) expect(fieldset![1]).toContain(`name="${name}"`);
    expect(html).toContain('<script src="/public/app.js" defer></script>');
  });

  it('clears them when the kind is not prøvehandling, and does not refuse what is in them', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post('/initiatives', validForm({ kind: 'initiativ', ...TRIAL, hypothesis: 'Borger 2412261234 deltog' }));
    expect(res.status).toBe(303);
    const id = Number(res.headers.location.split('/').pop());
    expect(await initiativeRow(db, id)).toMatchObject({
      kind: 'initiativ',
      hypothesis: '',
      freedom_from: '',
      freedom_to: '',
      trial_start: null,
      trial_end: null,
      success_criteria: '',
      result: '',
      trial_decision: null,
    });
  });

  it('keeps them for a prøvehandling and clears them when it becomes an ordinary initiative', async () => {
    const { app, db } = await testApp();
    const k = await signedIn(app, db, 'konsulent');
    const res = await k.post('/initiatives', validForm({ kind: 'proevehandling', ...TRIAL }));
    const id = Number(res.headers.location.split('/').pop());
    expect(await initiativeRow(db, id)).toMatchObject({ ...TRIAL });
    await k.post(`/initiatives/${id}`, validForm({ kind: 'initiativ', ...TRIAL }));
    expect(await initiativeRow(db, id)).toMatchObject({ kind: 'initiativ', hypothesis: '', trial_start: null, trial_decision: null });
  });
});
