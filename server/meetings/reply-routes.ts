// /svar/:token/deltager and /svar/:token/afbud: the personal links in an invitation, without
// signing in. GET only shows what the answer will be, with a button: a mail program's link
// scanner that fetches the link registers nothing. POST records it (replies.ts).
import { Router, type Response } from 'express';
import type { AppContext } from '../web/context';
import { formatPeriod } from '../web/format';
import { REPLY_ANSWERS, type ReplyAnswerSlug } from '../notifications/service';
import { NOTIFICATION_TEXTS } from '../notifications/messages';
import { recordReply, replyTarget, type ReplyProblem, type ReplyTarget } from './replies';

const T = NOTIFICATION_TEXTS.reply;

const PROBLEMS: Record<ReplyProblem, { status: number; title: string; text: string }> = {
  invalid: { status: 404, title: T.invalid, text: T.invalidText },
  expired: { status: 410, title: T.expired, text: T.expiredText },
  cancelled: { status: 410, title: T.cancelled, text: T.cancelledText },
  notInvited: { status: 410, title: T.notInvited, text: T.notInvitedText },
};

const isAnswer = (value: string): value is ReplyAnswerSlug => Object.hasOwn(REPLY_ANSWERS, value);

export function replyRoutes({ db, config, clock }: AppContext): Router {
  const router = Router();

  const problem = (res: Response, p: ReplyProblem) => res.status(PROBLEMS[p].status).render('meetings/reply-problem', PROBLEMS[p]);

  const page = (res: Response, token: string, answer: ReplyAnswerSlug, target: ReplyTarget, saved: boolean) =>
    res.render('meetings/reply', {
      meeting: target.meeting,
      when: formatPeriod(target.meeting.starts_at, target.meeting.ends_at),
      person: target.person,
      answer,
      current: target.reply,
      saved,
      savedText: answer === 'deltager' ? T.savedYes : T.savedNo,
      button: answer === 'deltager' ? T.confirmYes : T.confirmNo,
      action: `/svar/${token}/${answer}`,
      other: `/svar/${token}/${answer === 'deltager' ? 'afbud' : 'deltager'}`,
    });

  async function load(res: Response, token: string, answer: string) {
    if (!isAnswer(answer)) return void problem(res, 'invalid');
    const check = await replyTarget(db, config.sessionSecret, token, clock.now());
    if (!check.ok) return void problem(res, check.problem);
    return { answer, target: check.target };
  }

  router.get('/:token/:answer', async (req, res) => {
    const found = await load(res, req.params.token, req.params.answer);
    if (found) page(res, req.params.token, found.answer, found.target, false);
  });

  router.post('/:token/:answer', async (req, res) => {
    const found = await load(res, req.params.token, req.params.answer);
    if (!found) return;
    await recordReply(db, found.target, REPLY_ANSWERS[found.answer], clock.now());
    page(res, req.params.token, found.answer, { ...found.target, reply: REPLY_ANSWERS[found.answer] }, true);
  });

  return router;
}
