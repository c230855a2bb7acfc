// When a message that could not be delivered is tried again: after 1 minute, 5 minutes, 30
// minutes, 2 hours, then every 6 hours, until two days after its first attempt; then it has failed.

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** The wait after the 1st, 2nd, 3rd and 4th failed attempt; every later one waits the last step. */
export const RETRY_DELAYS_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 2 * HOUR] as const;
export const LATER_RETRY_MS = 6 * HOUR;
/** No attempt is made later than this after the first. */
export const GIVE_UP_AFTER_MS = 48 * HOUR;

/**
 * The time of the next attempt after `attempts` failed ones (the last at `now`), or null when the
 * next would come more than two days after the first attempt: the message has failed.
 */
export function nextAttemptAt(firstAttemptAt: Date, attempts: number, now: Date): Date | null {
  const delay = attempts <= RETRY_DELAYS_MS.length ? RETRY_DELAYS_MS[Math.max(attempts, 1) - 1] : LATER_RETRY_MS;
  const next = new Date(now.getTime() + delay);
  return next.getTime() - firstAttemptAt.getTime() > GIVE_UP_AFTER_MS ? null : next;
}
