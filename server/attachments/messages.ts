// The bilag feature's Danish texts: what its pages say after a step, and why an upload or a
// removal was refused.

export const ACCEPTED_KINDS_TEXT = 'PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument-tekst og -regneark (.odt, .ods), PNG, JPEG og ren tekst';

export const ATTACHMENT_TEXTS = {
  added: (n: number) => (n === 1 ? 'Bilaget er tilføjet.' : `${n} bilag er tilføjet.`),
  removed: 'Bilaget er fjernet.',
  madePublic: 'Bilaget er offentligt igen og kommer med i referatets offentlige version.',
  madeNotPublic: 'Bilaget er markeret som ikke offentligt og udelades af referatets offentlige version.',
  proposalBilag: 'Bilaget hører til et forslag, som endnu ikke er optaget på en dagsorden.',
  locked:
    'Referatet er sendt til godkendelse eller godkendt, så mødets bilag er låst. Træk referatet tilbage til kladde eller opret en rettet version først.',
} as const;

/** Why an upload was refused; each names the file where one file is the reason. */
export const UPLOAD_REFUSALS = {
  noFile: 'Vælg mindst én fil.',
  tooManyFiles: (max: number) => `Du kan højst sende ${max} filer ad gangen. Intet er gemt.`,
  tooManyFields: 'Formularen har for mange felter. Intet er gemt.',
  fieldTooLong: 'Et af felterne er for langt. Intet er gemt.',
  tooLarge: (max: number) => `Indsendelsen er for stor: højst ${max} MB pr. fil. Intet er gemt.`,
  notMultipart: 'Filerne skal sendes med formularen på siden.',
  unreadable: 'Formularen kunne ikke læses, måske fordi forbindelsen blev afbrudt. Intet er gemt; prøv igen.',
  badName: (name: string) => `Filnavnet "${name}" kan ikke bruges: et filnavn må højst have 255 tegn og ikke indeholde skråstreger eller kontroltegn.`,
  unnamed: 'En af filerne har intet navn.',
  empty: (name: string) => `"${name}" er tom.`,
  fileTooLarge: (name: string, max: number) => `"${name}" er større end ${max} MB, som er det største bilag, der kan tilføjes.`,
  notAccepted: (name: string) => `"${name}" er ikke en af de filtyper, der kan tilføjes som bilag: ${ACCEPTED_KINDS_TEXT}. Typen afgøres af filens indhold, ikke af navnet.`,
  webPage: (name: string) => `"${name}" er en webside eller et tegneformat (HTML, SVG eller XML), som ikke kan tilføjes som bilag. Gem den som PDF, og prøv igen.`,
  program: (name: string) => `"${name}" er et program eller et script, som ikke kan tilføjes som bilag.`,
  archive: (name: string) => `"${name}" er et zip-arkiv og ikke et Office- eller OpenDocument-dokument. Tilføj filerne i arkivet hver for sig.`,
  bomb: (name: string) => `"${name}" fylder langt mere udpakket end pakket (en såkaldt zip-bombe) og kan ikke tilføjes.`,
  macros: (name: string) => `"${name}" indeholder makroer. Gem dokumentet uden makroer (fx som .docx i stedet for .docm), og prøv igen.`,
  encrypted: (name: string) => `"${name}" er krypteret eller beskyttet med adgangskode. Fjern beskyttelsen, og prøv igen.`,
  damaged: (name: string) => `"${name}" ser ud til at være et beskadiget dokument og kan ikke tilføjes.`,
} as const;
