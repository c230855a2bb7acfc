// The minutes' user-facing Danish texts in one place: what the pages flash and what every
// format of the referat prints.

export const MINUTES_TEXTS = {
  watermark: 'UDKAST',
  draftNotice: 'UDKAST – ikke godkendt af alle parter',
  saved: 'Referatet er gemt.',
  sent: 'Referatet er sendt til godkendelse hos parterne.',
  savedAndSent: 'Referatet er gemt og sendt til godkendelse hos parterne.',
  withdrawn: 'Referatet er trukket tilbage til kladde. Godkendelserne af denne version er nulstillet.',
  alreadyApproved: 'Din part har allerede godkendt denne version.',
  locked: 'Referatet er godkendt af alle parter og nu låst.',
  approved: 'Referatet er godkendt for din part.',
  correctionStarted: (version: number) => `Version ${version} er oprettet som kladde. Ret mødets indhold og send den til godkendelse igen.`,
  commentAdded: 'Kommentaren er tilføjet.',
  noCommentOnApproved: 'Et godkendt referat kan ikke kommenteres. Kommentér mødet i stedet.',
} as const;
