// The exports feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const EXPORT_TEXTS = {
  calendarRenewed: 'Du har fået en ny kalenderadresse. Den gamle virker ikke længere.',
} as const;
