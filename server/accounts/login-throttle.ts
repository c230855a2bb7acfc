// When a sign-in is refused for too many failures. The rules never refuse the right password from
// an address that has not been failing for that account, so neither a guesser elsewhere nor a
// colleague behind the same office address can lock an owner out:
//   - an (account, address) pair with 10 failures in 15 minutes is refused;
//   - while an account has 10 failures from anywhere (a guesser spread over many addresses), a
//     pair is refused already at 3 of its own;
//   - an address with 100 failures over any accounts (a password spray) is refused, except for a
//     browser that has signed in to that account before (see known-browser.ts).
// Refusals are decided before the password is checked and from the typed e-mail only, so an
// unknown e-mail gets exactly the answers a known one gets (accounts cannot be enumerated).
import { isIPv6 } from 'node:net';
import type { Db } from '../db/database';
import type { Clock } from '../web/clock';
import { FailureCounter } from '../web/rate-limit';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
const PAIR_MAX = 10;
const PAIR_MAX_UNDER_ATTACK = 3;
const ACCOUNT_UNDER_ATTACK = 10;
const ADDRESS_MAX = 100;

export interface LoginAttempt {
  /** The e-mail as typed (trimmed, lower case), whether or not an account has it. */
  email: string;
  /** The client's address as Express sees it (req.ip, honouring TRUST_PROXY). */
  address: string;
  /** The browser proved it has signed in to this e-mail's account before. */
  knownBrowser: boolean;
}

/**
 * One client: an IPv4 address, or an IPv6 /64 (one household or office gets a whole /64, so a
 * single attacker would otherwise have more addresses than we could count).
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export class LoginThrottle {
  private readonly failures: FailureCounter;

  constructor(db: Db, clock: Clock) {
    this.failures = new FailureCounter(db, 'login', LOGIN_WINDOW_MS, () => clock.now(), ADDRESS_MAX);
  }

  private keys(a: LoginAttempt) {
    const address = clientKey(a.address);
    return { pair: `pair:${a.email}|${address}`, account: `account:${a.email}`, address: `address:${address}` };
  }

  /** Whether to refuse the attempt without checking the password. */
  async isRefused(a: LoginAttempt): Promise<boolean> {
    const k = this.keys(a);
    const pairFailures = await this.failures.count(k.pair);
    if (pairFailures >= PAIR_MAX) return true;
    if (pairFailures >= PAIR_MAX_UNDER_ATTACK && (await this.failures.count(k.account)) >= ACCOUNT_UNDER_ATTACK) return true;
    return !a.knownBrowser && (await this.failures.count(k.address)) >= ADDRESS_MAX;
  }

  async recordFailure(a: LoginAttempt): Promise<void> {
    const k = this.keys(a);
    await this.failures.record(k.pair, k.account, k.address);
  }

  /** The right password: this address's mistakes for the account are forgiven. */
  async recordSuccess(a: LoginAttempt): Promise<void> {
    await this.failures.reset(this.keys(a).pair);
  }
}
