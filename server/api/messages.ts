// The open-data API's Danish texts: the admin page's steps, and the JSON errors a client gets.

export const API_TEXTS = {
  tokenRevoked: 'Nøglen er tilbagekaldt. Den virker ikke længere.',
  tokenAlreadyRevoked: 'Nøglen er allerede tilbagekaldt.',
  nameRequired: 'Skriv hvem eller hvad nøglen er til',
} as const;

/** The `error` of a JSON error response: short, the same for every cause of the same status. */
export const API_ERRORS = {
  unauthorized: 'Mangler eller ugyldig adgangsnøgle (Authorization: Bearer …)',
  notFound: 'Findes ikke',
  badQuery: 'Ugyldig forespørgsel',
  methodNotAllowed: 'Kun GET er tilladt',
  tooManyRequests: 'For mange forespørgsler. Prøv igen om lidt.',
  unavailable: 'Databasen svarer ikke lige nu. Prøv igen om lidt.',
  serverError: 'Der opstod en fejl',
} as const;
