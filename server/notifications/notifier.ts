// What a change needs to tell people by e-mail: the app's address for links, the key that signs
// reply links, the sender to name as the organiser of an invitation, and a tally of who could
// not be told (no e-mail address), which the page that made the change shows in its flash.
import type { Request } from 'express';
import type { Config, MailFrom } from '../config';
import { appUrlOf } from '../mail/service';
import { permissions } from '../web/auth';
import { flash } from '../web/flash';
import { NOTIFICATION_TEXTS as T } from './messages';

export interface MailReport {
  /** The people a message was meant for (who have not switched that kind of message off). */
  recipients: Set<number>;
  /** Those of them without an e-mail address: nothing was queued for them. */
  withoutEmail: Map<number, string>;
}

export interface Notifier {
  readonly appUrl: string;
  /** Signs the personal links "Jeg deltager" / "Jeg melder afbud" (reply-token.ts). */
  readonly secret: string;
  /** MAIL_FROM, the organiser of an invitation whose convener has no address. */
  readonly sender: MailFrom | null;
  readonly report: MailReport;
}

/** A notifier for one change (one request, one CLI command, one daily run). */
export function notifierFor(config: Pick<Config, 'publicUrl' | 'port' | 'sessionSecret' | 'mailFrom'>): Notifier {
  return {
    appUrl: appUrlOf(config),
    secret: config.sessionSecret,
    sender: config.mailFrom ?? null,
    report: { recipients: new Set(), withoutEmail: new Map() },
  };
}

/** "2 af 5 modtagere har ingen e-mailadresse og får ikke besked: …", or null when all could be told. */
export function unreachedNotice(n: Notifier): string | null {
  const { recipients, withoutEmail } = n.report;
  if (withoutEmail.size === 0) return null;
  return T.unreached(withoutEmail.size, recipients.size, [...withoutEmail.values()]);
}

/**
 * Adds the notice (if any) to the next page's messages, for those who can add the missing
 * addresses (the konsulent, an administrator); a representative approving is not bothered.
 */
export function flashUnreached(req: Request, n: Notifier): void {
  const notice = unreachedNotice(n);
  if (notice && req.user && permissions.edit(req.user.role)) flash(req, notice, 'info');
}
