// The mail feature's Danish texts: the outbox's statuses and kinds of message, and what
// /admin/outbox says after a step.
import type { OutboxStatus } from '../db/schema';

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: 'I kø',
  sending: 'Sendes',
  sent: 'Sendt',
  failed: 'Fejlet',
};

/** What each kind of message is, on /admin/outbox; a kind not listed is shown as it is. */
export const MAIL_KIND_LABELS: Record<string, string> = {
  password_reset: 'Nulstil adgangskode',
  invitation: 'Invitation til ny bruger',
  // The meeting cycle (server/notifications/).
  meeting_invitation: 'Mødeinvitation',
  meeting_changed: 'Møde ændret',
  meeting_cancelled: 'Møde aflyst',
  agenda_released: 'Dagsorden udsendt',
  minutes_for_approval: 'Referat til godkendelse',
  minutes_new_version: 'Rettet referat til godkendelse',
  minutes_approved: 'Referat godkendt',
  minutes_remark: 'Bemærkning til referat',
  action_assigned: 'Opfølgningspunkt tildelt',
  action_due_soon: 'Påmindelse: frist om tre dage',
  action_overdue: 'Påmindelse: frist overskredet',
  proposal_accepted: 'Forslag taget med',
  proposal_declined: 'Forslag afvist',
  deadline_missed: 'Frist overskredet',
  review_due: 'Til opfølgning',
};

export const MAIL_TEXTS = {
  resent: 'Beskeden er lagt i udbakken igen som en ny besked.',
  notConfigured: 'E-mail er ikke sat op (SMTP_URL): beskederne bliver her og sendes ikke. Du kan kopiere et link fra en besked og give det til modtageren.',
  messageNotFound: 'Beskeden findes ikke',
  stillQueued: 'Beskeden er ikke færdig: den ligger allerede i kø til at blive sendt.',
} as const;
