// How often "Glemt adgangskode?" may be asked. An address asking 10 times in 15 minutes is
// refused for a while (the same answer for every e-mail, so it tells nothing about accounts).
// Per e-mail at most 3 links are mailed an hour, so nobody can fill an inbox; a request beyond
// that gets the usual answer but no new mail (the links already sent still work).
import type { Db } from '../db/database';
import type { Clock } from '../web/clock';
import { FailureCounter } from '../web/rate-limit';
import { clientKey } from './login-throttle';

const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
const ADDRESS_MAX = 10;
const EMAIL_WINDOW_MS = 60 * 60 * 1000;
const EMAIL_MAX = 3;

export class ResetThrottle {
  private readonly byAddress: FailureCounter;
  private readonly byEmail: FailureCounter;

  constructor(db: Db, clock: Clock) {
    this.byAddress = new FailureCounter(db, 'reset-address', ADDRESS_WINDOW_MS, () => clock.now(), ADDRESS_MAX);
    this.byEmail = new FailureCounter(db, 'reset-email', EMAIL_WINDOW_MS, () => clock.now(), EMAIL_MAX);
  }

  /** Whether the address has asked too often: refuse without looking at the e-mail. */
  async isRefused(address: string): Promise<boolean> {
    return (await this.byAddress.count(clientKey(address))) >= ADDRESS_MAX;
  }

  /** Counts the request; returns whether a link may be mailed to this e-mail now. */
  async record(address: string, email: string): Promise<boolean> {
    await this.byAddress.record(clientKey(address));
    if ((await this.byEmail.count(email)) >= EMAIL_MAX) return false;
    await this.byEmail.record(email);
    return true;
  }
}
