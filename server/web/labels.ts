// Danish labels for the meeting vocabulary; the stored keys are ASCII.
import type { ActionStatus, AgendaKind, Attendance, MeetingKind, MeetingStatus, MinutesStatus } from '../db/schema';

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  partnerskabsmoede: 'Partnerskabsmøde',
  arbejdsgruppe: 'Arbejdsgruppe',
  workshop: 'Workshop',
  dialogmoede: 'Dialogmøde med borgere',
  andet: 'Andet',
};

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  planlagt: 'Planlagt',
  afholdt: 'Afholdt',
  aflyst: 'Aflyst',
};

export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  inviteret: 'Inviteret',
  deltog: 'Deltog',
  afbud: 'Afbud',
  udeblev: 'Udeblev',
};

export const AGENDA_KIND_LABELS: Record<AgendaKind, string> = {
  orientering: 'Orientering',
  droeftelse: 'Drøftelse',
  beslutning: 'Beslutning',
};

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  aaben: 'Åben',
  i_gang: 'I gang',
  udfoert: 'Udført',
  droppet: 'Droppet',
};

export const MINUTES_STATUS_LABELS: Record<MinutesStatus, string> = {
  kladde: 'Kladde',
  til_godkendelse: 'Til godkendelse',
  godkendt: 'Godkendt',
};

export function options<K extends string>(labels: Record<K, string>): Array<{ value: K; label: string }> {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}
