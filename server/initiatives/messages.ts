// The initiatives feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const INITIATIVE_TEXTS = {
  saved: 'Initiativet er gemt.',
  deleted: 'Initiativet er slettet.',
  measurementSaved: 'Målingen er gemt.',
  partnerRemoved: 'Partneren er fjernet.',
  commentAdded: 'Kommentaren er tilføjet.',
  hasActions: 'Initiativet har opfølgningspunkter fra møder og kan ikke slettes. Sæt status til "Stoppet" i stedet.',
  inUse: 'Initiativet bruges andre steder og kan ikke slettes. Sæt status til "Stoppet" i stedet.',
} as const;

/** Effektopfølgning: the steps of an effect update and why one was refused. */
export const EFFECT_UPDATE_TEXTS = {
  saved: 'Opfølgningen er gemt som kladde.',
  submitted: 'Opfølgningen er sendt til godkendelse hos repræsentanterne.',
  approved: 'Opfølgningen er godkendt og nu låst.',
  returned: 'Opfølgningen er returneret til konsulenten med din begrundelse.',
  locked: 'Opfølgningen for perioden er godkendt og låst. Den kan ikke ændres.',
  awaitingReview: 'Opfølgningen venter på godkendelse og kan ikke ændres, før en repræsentant har godkendt eller returneret den.',
  notSubmitted: 'Opfølgningen er ikke sendt til godkendelse.',
  onlyRepresentative: 'Kun partnerskabets repræsentanter kan godkende eller returnere en opfølgning.',
  savedElsewhere: 'En anden gemte opfølgningen for perioden samtidig. Se den og prøv igen.',
} as const;
