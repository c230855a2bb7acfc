// The open data's test world: an approved meeting with an open item and a closed one (lukket
// punkt, its content and action all saying SECRET), a meeting whose minutes are a draft, an
// initiative with an effect measure, and a token to read it all with.
import request from 'supertest';
import type { Express } from 'express';
import type { Db } from '../../server/db/database';
import { SYSTEM_ACTOR } from '../../server/db/audit';
import { issueToken } from '../../server/api/service';
import { anAction, anAgendaItem } from '../helpers/factories';
import { approveBothParties, fullMeeting, ITEM } from '../exports/fixture';
import { aFullInitiative } from '../initiatives/helpers';

export const SECRET = 'Hemmeligsag';
export const CLOSED_TITLE = 'Personalesag';
export const DRAFT_TITLE = 'Udkastmøde om budget';

export async function openDataWorld(db: Db) {
  const { meetingId } = await fullMeeting(db, 'draft');
  const closedItemId = await anAgendaItem(db, meetingId, {
    title: CLOSED_TITLE,
    kind: 'beslutning',
    background: `${SECRET} baggrund`,
    discussion: `${SECRET} drøftelse`,
    decision: `${SECRET} beslutning`,
    closed: true,
    closed_reason: 'personsag',
  });
  const closedActionId = await anAction(db, meetingId, { text: `${SECRET} opgave`, agenda_item_id: closedItemId });
  await approveBothParties(db, meetingId);
  const openItemId = (await db.selectFrom('agenda_items').select('id').where('meeting_id', '=', meetingId).where('title', '=', ITEM.title).executeTakeFirstOrThrow()).id;
  const draft = await fullMeeting(db, 'draft', { title: DRAFT_TITLE });
  const initiative = await aFullInitiative(db, 'Ældrecafé');
  const { token, id: tokenId } = await issueToken(db, 'Kommunens portal', SYSTEM_ACTOR, new Date('2026-11-01T09:00:00Z'));
  return { meetingId, openItemId, closedItemId, closedActionId, draftMeetingId: draft.meetingId, initiative, token, tokenId };
}

/** GET with the bearer token. */
export const apiGet = (app: Express, token: string, url: string) => request(app).get(url).set('Authorization', `Bearer ${token}`);
