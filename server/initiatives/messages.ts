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
