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
  editOnlyDraft: 'Referatet kan kun redigeres, mens det er en kladde.',
  holdBeforeSending: 'Markér mødet som afholdt, før referatet sendes til godkendelse.',
  alreadySent: 'Referatet er allerede sendt til godkendelse.',
  withdrawOnlySent: 'Kun et referat, der er sendt til godkendelse, kan trækkes tilbage.',
  correctOnlyApproved: 'Kun et godkendt referat kan rettes i en ny version.',
  notSent: 'Referatet er ikke sendt til godkendelse.',
  onlyOwnParty: 'Kun en repræsentant for en af partnerskabets parter kan godkende referatet – og kun på egen parts vegne.',
} as const;

export const MEETING_TEXTS = {
  itemAdded: 'Punktet er tilføjet dagsordenen.',
  itemSaved: 'Punktet er gemt.',
  itemRemoved: 'Punktet er fjernet fra dagsordenen.',
  proposalAccepted: 'Forslaget er optaget som punkt på dagsordenen.',
  proposalMeetingInvalid: 'Vælg et planlagt møde fra listen.',
  actionCreated: 'Opfølgningspunktet er oprettet.',
  actionSaved: 'Opfølgningspunktet er gemt.',
  actionDeleted: 'Opfølgningspunktet er slettet.',
  noPartnership: 'Opret et partnerskab, før der kan planlægges møder.',
  created: 'Mødet er oprettet.',
  saved: 'Mødet er gemt.',
  cancelled: 'Mødet er aflyst.',
  held: 'Mødet er markeret som afholdt.',
  attendanceSaved: 'Fremmødet er gemt.',
  personNotFound: 'Personen findes ikke',
  invited: 'Personen er inviteret.',
  participantRemoved: 'Deltageren er fjernet.',
  evaluationSaved: 'Evalueringen er gemt.',
  commentAdded: 'Kommentaren er tilføjet.',
  onlyPlannedCancelled: 'Kun et planlagt møde kan aflyses.',
  onlyPlannedHeld: 'Kun et planlagt møde kan markeres som afholdt.',
  evaluateWhenHeld: 'Mødet kan evalueres, når det er markeret som afholdt.',
} as const;

/** Standard items, "Planlæg næste møde", postponed items and meeting series. */
export const PLANNING_TEXTS = {
  planned: (day: string) => `Næste møde er planlagt: ${day}.`,
  alreadyPlanned: (day: string) => `Næste møde er allerede planlagt (${day}).`,
  noNextMeeting: 'Der er intet planlagt næste møde at flytte punkterne til. Planlæg det først.',
  nothingToMove: 'Der er ingen udsatte punkter, som ikke allerede er flyttet.',
  moved: (n: number) => (n === 1 ? 'Det udsatte punkt er flyttet til næste møde.' : `De ${n} udsatte punkter er flyttet til næste møde.`),
  seriesSaved: 'Mødeserien er gemt, og mødekadencen beskriver den nu.',
  seriesPlanned: (day: string) => `Mødeserien er gemt. Seriens næste møde er planlagt: ${day}.`,
  seriesRemoved: 'Mødeserien er fjernet. Møderne findes stadig, også de planlagte.',
  postponedFrom: (day: string, number: number) => `Udsat fra mødet ${day}, punkt ${number}`,
  postponedTo: (day: string, number: number) => `Udsat til mødet ${day}, punkt ${number}`,
} as const;
