// The accounts feature's user-facing Danish texts in one place: what its pages say after a step,
// and why a step was refused.

export const ACCOUNT_TEXTS = {
  setupDone: 'Administratoren er oprettet, og du er logget ind.',
  nameChanged: 'Dit navn er ændret.',
  passwordChanged: 'Din adgangskode er skiftet.',
  userNotFound: 'Brugeren findes ikke',
  lastAdmin: 'Der skal altid være mindst én aktiv administrator.',
  personNotFound: 'Personen findes ikke',
  anonymisedCannotRename: 'Personen er anonymiseret og kan ikke omdøbes.',
  // two-factor
  wrongCode: 'Koden er forkert eller allerede brugt. Skriv den kode, din app viser nu, eller en reservekode.',
  wrongEnrolmentCode: 'Koden passer ikke. Skriv den 6-cifrede kode, appen viser nu.',
  tooManyCodes: 'For mange forkerte koder. Vent et kvarter, og prøv igen.',
  twoFactorEnabled: 'Totrinsbekræftelse er slået til. Gem dine reservekoder et sikkert sted.',
  twoFactorNotEnabled: 'Totrinsbekræftelse er ikke slået til.',
  twoFactorRemoved: 'Totrinsbekræftelse er slået fra.',
  twoFactorRequired: 'Din rolle kræver totrinsbekræftelse, så den kan ikke slås fra.',
  recoveryCodeUsed: 'Du er logget ind med en reservekode. Den kan ikke bruges igen.',
  pendingExpired: 'Log ind igen: der gik for lang tid, før koden blev skrevet.',
  // sessions
  sessionEnded: 'Sessionen er logget ud.',
  sessionGone: 'Sessionen er allerede afsluttet.',
  otherSessionsEnded: 'Du er logget ud alle andre steder.',
  // OpenID providers
  providerFailed: 'Log ind mislykkedes. Prøv igen, eller kontakt en administrator, hvis det bliver ved.',
  accountDisabled: 'Din konto er deaktiveret. Kontakt en administrator.',
  passwordLoginOff: 'Log ind med adgangskode er slået fra. Brug en af knapperne ovenfor.',
  accessRequestDecided: 'Anmodningen er allerede afgjort.',
} as const;
