// The roles feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const ROLE_TEXTS = {
  evidenceRecorded: 'Rolleobservationen er registreret.',
  evidenceSaved: 'Rolleobservationen er gemt.',
  evidenceDeleted: 'Rolleobservationen er slettet.',
  roleCreated: 'Rollen er oprettet.',
  roleSaved: 'Rollen er gemt.',
  markerCreated: 'Markøren er tilføjet.',
  markerSaved: 'Markøren er gemt.',
  markerRetired: 'Markøren er udgået. Observationer, der peger på den, beholder den.',
  markerReactivated: 'Markøren er genaktiveret.',
  markerDeleted: 'Markøren er slettet.',
  markerInUse: 'Markøren kan ikke slettes, fordi der er knyttet observationer til den. Lad den udgå i stedet.',
} as const;
