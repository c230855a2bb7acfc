// Taking a representative's proposal into an agenda: POST /proposals/:id/accept (the konsulent).
// It lives with the agenda because it adds an item by the agenda's rules (locking, the item limit,
// "Revideret dagsorden"); the proposal's own rules and its bilag are the proposals feature's.
import { Router } from 'express';
import type { Db } from '../db/database';
import type { Actor } from '../db/audit';
import { requireRole, requireUser } from '../web/auth';
import type { AppContext } from '../web/context';
import { flash } from '../web/flash';
import { parseForm, parseId } from '../web/form';
import { Conflict } from '../web/errors';
import { meetingToTakeProposal, takeProposal } from '../proposals/service';
import { AcceptSchema } from '../proposals/schemas';
import { addAgendaItem } from './agenda';
import { AgendaItemSchema } from './schemas';
import { MEETING_TEXTS as M } from './messages';
import { flashUnreached, notifierFor, notifyProposalDecided, type Notifier } from '../notifications/service';

/**
 * Adds the proposal as the last item of the chosen meeting (or the one it names, or the
 * partnership's next planned meeting): its title, type and background, its bilag moved along and
 * the proposer named on the item. One transaction; returns the meeting and the new item.
 */
export async function acceptProposal(db: Db, proposalId: number, chosenMeetingId: number | null, actor: Actor, at: Date, notifier?: Notifier): Promise<{ meetingId: number; itemId: number }> {
  const target = await meetingToTakeProposal(db, proposalId, chosenMeetingId, at);
  const form = AgendaItemSchema.parse({ title: target.title, kind: target.kind, background: target.background });
  const itemId = await addAgendaItem(db, target.meetingId, form, actor, at, async (trx, id) => {
    await takeProposal(trx, proposalId, { meetingId: target.meetingId, agendaItemId: id }, actor, at);
    await notifyProposalDecided(trx, notifier, proposalId, at);
  });
  return { meetingId: target.meetingId, itemId };
}

export function proposalAcceptRoutes({ db, clock, config }: AppContext): Router {
  const router = Router();
  router.post('/:id/accept', requireRole('konsulent'), async (req, res) => {
    const id = parseId(req.params.id);
    const parsed = parseForm(AcceptSchema, req.body);
    if (!parsed.ok) throw new Conflict(M.proposalMeetingInvalid, `/proposals/${id}`);
    const notifier = notifierFor(config);
    const { meetingId, itemId } = await acceptProposal(db, id, parsed.data.meeting_id, { userId: requireUser(req).id }, clock.now(), notifier);
    flash(req, M.proposalAccepted);
    flashUnreached(req, notifier);
    res.redirect(303, `/meetings/${meetingId}#punkt-${itemId}`);
  });
  return router;
}
