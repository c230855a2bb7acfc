// E-mail, as the rest of the app uses it: queue a message in your own transaction (enqueueMail),
// write its text (renderMail, appUrlOf), and start the worker that delivers the outbox.
import type { Config } from '../config';
import type { Db } from '../db/database';
import type { Clock } from '../web/clock';
import { createMailWorker, type MailWorker } from './worker';
import { describeSmtpUrl, smtpTransport, type MailTransport } from './transport';

export { enqueueMail, enqueueMails, headerText, type MailAttachment, type MailMessage, type MailRecipient } from './message';
export { APP_NAME, appUrlOf, renderMail, type MailContent, type RenderedMail } from './render';
export { createMailWorker, type MailWorker, type RunResult } from './worker';
export { countOutbox, findOutboxMessage, listOutbox, outboxCounts, resendMail } from './outbox';

export const MAIL_NOT_CONFIGURED = 'E-mail er ikke sat op (SMTP_URL mangler): beskeder bliver liggende i udbakken, hvor en administrator kan se dem på /admin/outbox.';

/**
 * The server's mail worker: started with SMTP_URL (sending every 15 seconds), or null after one
 * line in the log saying that mail is not configured. `transport` replaces SMTP in a test.
 */
export function startMailWorker(opts: { db: Db; config: Config; clock: Clock; log: (line: string) => void; transport?: MailTransport }): MailWorker | null {
  const { config, log } = opts;
  if (!config.smtpUrl || !config.mailFrom) {
    log(MAIL_NOT_CONFIGURED);
    return null;
  }
  const transport = opts.transport ?? smtpTransport(config.smtpUrl);
  const worker = createMailWorker({ db: opts.db, clock: opts.clock, from: config.mailFrom, transport, log });
  worker.start();
  log(`E-mail sendes via ${describeSmtpUrl(config.smtpUrl)} fra ${config.mailFrom.address}.`);
  return worker;
}
