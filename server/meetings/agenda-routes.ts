// /meetings/:id/agenda (items: add, edit, remove, move) and /meetings/:id/actions (follow-up
// actions created from the meeting or one of its items).
import { Router, type Request, type Response } from 'express';
import { createAction, deleteAction, updateAction } from './follow-up';
import { ActionFormSchema, AgendaItemSchema, DECISION_PHRASES, DecisionPhraseSchema, ItemAttendanceSchema, MoveSchema, POSTPONED_PHRASE } from './schemas';
import { addItemAttendance, ITEM_ATTENDANCE_LABELS, removeItemAttendance } from './item-attendance';
import { peopleInTheWork } from '../people/service';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { Invalid, NotFound } from '../web/errors';
import { flash } from '../web/flash';
import { formFrom, parseForm, parseId, renderInvalid, routeParam, submitForm, type FormState } from '../web/form';
import { renderDeleteConfirmation } from '../web/confirm';
import { assertMeetingEditable } from './lock';
import { ACTION_STATUS_LABELS, AGENDA_KIND_LABELS, options } from '../web/labels';
import { addAgendaItem, moveAgendaItem, releaseAgenda, removeAgendaItem, updateAgendaItem } from './agenda';
import { agendaLinksOf, agendaOf, findAgendaItem, initiativesOfAgendaItem, peopleForMeeting, type MeetingRow } from './queries';
import { dilemmaOptions, initiativeOptions, storyOptions } from '../web/options';
import { utcToCopenhagen } from '../web/time';
import { findAction } from '../actions/service';
import { AGENDA_TEXTS, MEETING_TEXTS as M } from './messages';
import { flashUnreached, notifierFor } from '../notifications/service';

type LoadMeeting = (raw: unknown) => Promise<MeetingRow>;
/** The meeting page again with status 422, for the forms that live on it (e.g. moving an item). */
type RenderInvalidMeeting = (req: Request, res: Response, meeting: MeetingRow, form: FormState, formError?: string) => Promise<void>;

export function agendaRoutes({ db, clock, config }: AppContext, loadMeeting: LoadMeeting, renderInvalidMeeting: RenderInvalidMeeting): Router {
  const router = Router({ mergeParams: true });
  router.use(requireRole('konsulent'));
  const actor = (req: Request) => ({ userId: requireUser(req).id });
  const kindOptions = options(AGENDA_KIND_LABELS);
  const linkOptions = async (meeting: MeetingRow, presenterId: number | null = null, storyId: number | null = null) => {
    const meetingDay = utcToCopenhagen(meeting.starts_at).day;
    const [initiatives, dilemmas, stories, people] = await Promise.all([
      initiativeOptions(db),
      dilemmaOptions(db),
      storyOptions(db, meetingDay, storyId),
      // The current presenter stays a choice, so saving the form does not drop them.
      peopleInTheWork(db, presenterId ? [presenterId] : []).orderBy('people.sort_key').execute(),
    ]);
    return {
      initiativeOptions: initiatives,
      dilemmaOptions: dilemmas,
      storyOptions: [{ value: '', label: 'Ingen valgt' }, ...stories],
      presenterOptions: [{ value: '', label: 'Ingen valgt' }, ...people.map((p) => ({ value: p.id, label: p.organisation_name ? `${p.name} (${p.organisation_name})` : p.name }))],
      phrases: DECISION_PHRASES,
    };
  };

  /**
   * A decision phrase button: the form comes back with the phrase in the decision field (and
   * "Udsat" ticked for Udsat), nothing saved, so the text can still be edited. The button works
   * without JavaScript; with it, public/app.js fills the field in place.
   */
  async function withPhrase(req: Request, res: Response, locals: Record<string, unknown>): Promise<boolean> {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.phrase === undefined) return false;
    const parsed = parseForm(DecisionPhraseSchema, body);
    const values = { ...body };
    delete values._csrf;
    delete values.phrase;
    if (parsed.ok) {
      const typed = typeof values.decision === 'string' ? values.decision.trim() : '';
      values.decision = typed ? `${parsed.data.phrase}\n${typed}` : parsed.data.phrase;
      if (parsed.data.phrase === POSTPONED_PHRASE) values.postponed = 'on';
      res.render('meetings/agenda-item-form', { ...locals, form: formFrom(values) });
    } else {
      renderInvalid(res, 'meetings/agenda-item-form', locals, { values, errors: parsed.form.errors });
    }
    return true;
  }

  router.post('/release', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const notifier = notifierFor(config);
    await releaseAgenda(db, meeting.id, actor(req), clock.now(), notifier);
    flash(req, AGENDA_TEXTS.released);
    flashUnreached(req, notifier);
    res.redirect(303, `/meetings/${meeting.id}#dagsorden`);
  });

  router.get('/new', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    res.render('meetings/agenda-item-form', { meeting, item: null, kindOptions, ...(await linkOptions(meeting)), form: formFrom({ kind: 'droeftelse' }) });
  });

  router.post('/', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    if (await withPhrase(req, res, { meeting, item: null, kindOptions, ...(await linkOptions(meeting)) })) return;
    await submitForm(res, {
      schema: AgendaItemSchema,
      body: req.body,
      view: 'meetings/agenda-item-form',
      locals: async () => ({ meeting, item: null, kindOptions, ...(await linkOptions(meeting)) }),
      save: async (data) => {
        const id = await addAgendaItem(db, meeting.id, data, actor(req), clock.now());
        flash(req, M.itemAdded);
        res.redirect(303, `/meetings/${meeting.id}#punkt-${id}`);
      },
    });
  });

  async function loadItem(req: Request) {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const item = await findAgendaItem(db, meeting.id, parseId(req.params.itemId));
    if (!item) throw new NotFound();
    return { meeting, item };
  }

  router.get('/:itemId/edit', async (req, res) => {
    const { meeting, item } = await loadItem(req);
    const links = await agendaLinksOf(db, meeting.id);
    res.render('meetings/agenda-item-form', {
      meeting,
      item,
      kindOptions,
      ...(await linkOptions(meeting, item.presenter_id, item.msc_story_id)),
      form: formFrom({
        ...item,
        initiative_ids: links.initiatives.filter((l) => l.agenda_item_id === item.id).map((l) => l.id),
        dilemma_ids: links.dilemmas.filter((l) => l.agenda_item_id === item.id).map((l) => l.id),
      }),
    });
  });

  router.post('/:itemId', async (req, res) => {
    const { meeting, item } = await loadItem(req);
    if (await withPhrase(req, res, { meeting, item, kindOptions, ...(await linkOptions(meeting, item.presenter_id, item.msc_story_id)) })) return;
    await submitForm(res, {
      schema: AgendaItemSchema,
      body: req.body,
      view: 'meetings/agenda-item-form',
      locals: async () => ({ meeting, item, kindOptions, ...(await linkOptions(meeting, item.presenter_id, item.msc_story_id)) }),
      save: async (data) => {
        await updateAgendaItem(db, meeting.id, item.id, data, actor(req), clock.now());
        flash(req, M.itemSaved);
        res.redirect(303, `/meetings/${meeting.id}#punkt-${item.id}`);
      },
    });
  });

  router.get('/:itemId/delete', async (req, res) => {
    const { meeting, item } = await loadItem(req);
    await assertMeetingEditable(db, meeting.id);
    renderDeleteConfirmation(req, res, {
      question: `Vil du fjerne punktet "${item.title}" fra dagsordenen?`,
      consequences: [
        'Punktet fjernes med baggrund, drøftelse og beslutning, og de følgende punkter rykker en plads op.',
        'Opfølgningspunkter fra punktet bliver stående under mødet som helhed.',
      ],
      back: `/meetings/${meeting.id}#punkt-${item.id}`,
      button: 'Fjern',
    });
  });

  router.post('/:itemId/delete', async (req, res) => {
    const { meeting, item } = await loadItem(req);
    await removeAgendaItem(db, meeting.id, item.id, actor(req), clock.now());
    flash(req, M.itemRemoved);
    res.redirect(303, `/meetings/${meeting.id}#dagsorden`);
  });

  // Absence and guests for one item on a page of its own: a select of every invitee per item
  // would make a 100-item agenda 200 KB heavier.
  async function renderItemAttendance(res: Response, meeting: MeetingRow, item: { id: number; title: string }, form: FormState, status = 200) {
    const people = await peopleForMeeting(db, meeting.partnership_id, meeting.id);
    const locals = {
      meeting,
      item,
      form,
      kindOptions: options(ITEM_ATTENDANCE_LABELS),
      personOptions: people.map((p) => ({ value: p.id, label: p.organisation_name ? `${p.name} (${p.organisation_name})` : p.name })),
    };
    if (status === 422) return renderInvalid(res, 'meetings/item-attendance-form', locals, form);
    res.render('meetings/item-attendance-form', locals);
  }

  router.get('/:itemId/attendance', async (req, res) => {
    const { meeting, item } = await loadItem(req);
    await assertMeetingEditable(db, meeting.id);
    await renderItemAttendance(res, meeting, item, formFrom({ kind: 'fravaerende' }));
  });

  router.post('/:itemId/attendance', async (req, res) => {
    const { meeting, item } = await loadItem(req);
    const parsed = parseForm(ItemAttendanceSchema, req.body);
    if (!parsed.ok) return renderItemAttendance(res, meeting, item, parsed.form, 422);
    try {
      await addItemAttendance(db, meeting.id, item.id, parsed.data, actor(req), clock.now());
    } catch (err) {
      if (err instanceof Invalid) return renderItemAttendance(res, meeting, item, { values: { ...req.body }, errors: err.fieldErrors }, 422);
      throw err;
    }
    flash(req, M.itemAttendanceSaved);
    res.redirect(303, `/meetings/${meeting.id}#punkt-${item.id}`);
  });

  router.post('/:itemId/attendance/:rowId/delete', async (req, res) => {
    const { meeting, item } = await loadItem(req);
    await removeItemAttendance(db, meeting.id, parseId(req.params.rowId), actor(req), clock.now());
    flash(req, M.itemAttendanceRemoved);
    res.redirect(303, `/meetings/${meeting.id}#punkt-${item.id}`);
  });

  router.post('/:itemId/move', async (req, res) => {
    const { meeting, item } = await loadItem(req);
    const parsed = parseForm(MoveSchema, req.body);
    if (!parsed.ok) return renderInvalidMeeting(req, res, meeting, formFrom(), parsed.form.errors.direction);
    await moveAgendaItem(db, meeting.id, item.id, parsed.data.direction, actor(req), clock.now());
    res.redirect(303, `/meetings/${meeting.id}#punkt-${item.id}`);
  });

  return router;
}

export function meetingActionRoutes({ db, clock, config }: AppContext, loadMeeting: LoadMeeting): Router {
  const router = Router({ mergeParams: true });
  router.use(requireRole('konsulent'));
  const actor = (req: Request) => ({ userId: requireUser(req).id });
  const statusOptions = options(ACTION_STATUS_LABELS);

  async function formLocals(meeting: MeetingRow, action: { owner_id: number | null } | null = null) {
    const [people, items, initiatives] = await Promise.all([
      // The current owner stays a choice, so saving the form does not drop them.
      peopleInTheWork(db, action?.owner_id ? [action.owner_id] : []).orderBy('people.sort_key').execute(),
      agendaOf(db, meeting.id),
      initiativeOptions(db),
    ]);
    return {
      initiativeOptions: [{ value: '', label: 'Intet initiativ' }, ...initiatives],
      meeting,
      action,
      statusOptions,
      ownerOptions: [{ value: '', label: 'Ingen ansvarlig valgt' }, ...people.map((p) => ({ value: p.id, label: p.organisation_name ? `${p.name} (${p.organisation_name})` : p.name }))],
      itemOptions: [{ value: '', label: 'Mødet som helhed' }, ...items.map((item, i) => ({ value: item.id, label: `${i + 1}. ${item.title}` }))],
    };
  }

  router.get('/new', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const itemId = typeof req.query.agenda_item_id === 'string' ? req.query.agenda_item_id : '';
    let initiativeId = typeof req.query.initiative_id === 'string' ? req.query.initiative_id : '';
    // From an item about one initiative, the action most likely concerns it too.
    if (!initiativeId && /^[1-9]\d{0,15}$/.test(itemId)) {
      const linked = await initiativesOfAgendaItem(db, meeting.id, Number(itemId));
      if (linked.length === 1) initiativeId = String(linked[0]);
    }
    res.render('meetings/action-form', { ...(await formLocals(meeting)), form: formFrom({ status: 'aaben', agenda_item_id: itemId, initiative_id: initiativeId }) });
  });

  router.post('/', async (req, res) => {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    await submitForm(res, {
      schema: ActionFormSchema,
      body: req.body,
      view: 'meetings/action-form',
      locals: () => formLocals(meeting),
      save: async (data) => {
        const notifier = notifierFor(config);
        await createAction(db, meeting.id, data, actor(req), clock.now(), notifier);
        flash(req, M.actionCreated);
        flashUnreached(req, notifier);
        res.redirect(303, `/meetings/${meeting.id}#opfoelgning`);
      },
    });
  });

  async function loadAction(req: Request) {
    const meeting = await loadMeeting(routeParam(req, 'id'));
    const action = await findAction(db, parseId(req.params.actionId));
    if (!action || action.meeting_id !== meeting.id) throw new NotFound();
    return { meeting, action };
  }

  router.get('/:actionId/edit', async (req, res) => {
    const { meeting, action } = await loadAction(req);
    res.render('meetings/action-form', { ...(await formLocals(meeting, action)), form: formFrom(action) });
  });

  router.post('/:actionId', async (req, res) => {
    const { meeting, action } = await loadAction(req);
    await submitForm(res, {
      schema: ActionFormSchema,
      body: req.body,
      view: 'meetings/action-form',
      locals: () => formLocals(meeting, action),
      save: async (data) => {
        const notifier = notifierFor(config);
        await updateAction(db, action.id, data, actor(req), clock.now(), notifier);
        flash(req, M.actionSaved);
        flashUnreached(req, notifier);
        res.redirect(303, `/meetings/${meeting.id}#opfoelgning`);
      },
    });
  });

  router.get('/:actionId/delete', async (req, res) => {
    const { meeting, action } = await loadAction(req);
    await assertMeetingEditable(db, meeting.id);
    renderDeleteConfirmation(req, res, {
      question: `Vil du slette opfølgningspunktet "${action.text}"?`,
      consequences: ['Opfølgningspunktet forsvinder fra mødet og fra oversigten over opfølgning. Det kan ikke fortrydes.'],
      back: `/meetings/${meeting.id}/actions/${action.id}/edit`,
    });
  });

  router.post('/:actionId/delete', async (req, res) => {
    const { meeting, action } = await loadAction(req);
    await deleteAction(db, action.id, actor(req), clock.now());
    flash(req, M.actionDeleted);
    res.redirect(303, `/meetings/${meeting.id}#opfoelgning`);
  });

  return router;
}
