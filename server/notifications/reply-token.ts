// The personal links in an invitation ("Jeg deltager" / "Jeg melder afbud"): a token naming the
// meeting and the person, signed with an HMAC under a key derived from the session secret. It
// holds no expiry of its own: it is valid while the meeting has not ended (checked against the
// meeting as it is now, so a moved meeting moves the end too).
import crypto from 'node:crypto';

export const REPLY_PATH = '/svar/';
export const REPLY_ANSWERS = { deltager: 'tilmeldt', afbud: 'afbud' } as const;
export type ReplyAnswerSlug = keyof typeof REPLY_ANSWERS;

function signature(secret: string, meetingId: number, personId: number): string {
  const key = crypto.createHmac('sha256', secret).update('meeting-reply-links').digest();
  return crypto.createHmac('sha256', key).update(`${meetingId}|${personId}`).digest('base64url');
}

export function replyToken(secret: string, meetingId: number, personId: number): string {
  return `${meetingId}.${personId}.${signature(secret, meetingId, personId)}`;
}

/** The meeting and person a token names, or null when it is malformed or its signature is wrong. */
export function readReplyToken(secret: string, token: string): { meetingId: number; personId: number } | null {
  const m = /^([1-9]\d{0,12})\.([1-9]\d{0,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return null;
  const meetingId = Number(m[1]);
  const personId = Number(m[2]);
  const expected = Buffer.from(signature(secret, meetingId, personId));
  const given = Buffer.from(m[3]);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? { meetingId, personId } : null;
}

/** The path of one answer's confirmation page. */
export function replyPath(secret: string, meetingId: number, personId: number, answer: ReplyAnswerSlug): string {
  return `${REPLY_PATH}${replyToken(secret, meetingId, personId)}/${answer}`;
}
