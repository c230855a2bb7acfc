// The roles feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const ROLE_TEXTS = {
  evidenceRecorded: 'Rolleobservationen er registreret.',
  evidenceSaved: 'Rolleobservationen er gemt.',
  evidenceDeleted: 'Rolleobservationen er slettet.',
  roleCreated: 'Rollen er oprettet.',
  roleSaved: 'Rollen er gemt.',
} as const;
