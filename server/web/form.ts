// Forms: zod field helpers with Danish messages, and the one way a form is parsed, saved or
// re-rendered with status 422, the messages beside their fields and the user's input kept.
import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { Invalid, NotFound } from './errors';

z.config(z.locales.da()); // Danish fallback for any message we did not write ourselves

/** CRLF and lone CR become LF: browsers send a textarea's line breaks as CRLF. */
function withLfLineBreaks(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n');
  if (Array.isArray(value)) return value.map(withLfLineBreaks);
  return value;
}

/** Middleware after the body parser: every submitted text field with LF-only line breaks. */
export const normaliseLineBreaks: RequestHandler = (req, _res, next) => {
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object') for (const key of Object.keys(body)) body[key] = withLfLineBreaks(body[key]);
  next();
};

export interface FormState {
  values: Record<string, unknown>;
  errors: Record<string, string>;
}

export function formFrom(values: Record<string, unknown> = {}): FormState {
  return { values, errors: {} };
}

/** Fields whose input is never sent back to the browser. */
const SECRET_FIELDS = new Set(['password', 'password_confirm', 'current_password', '_csrf']);

function keptValues(body: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) if (!SECRET_FIELDS.has(k)) values[k] = v;
  }
  return values;
}

export type ParseResult<T> = { ok: true; data: T } | { ok: false; form: FormState };

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): ParseResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= issue.message;
  }
  return { ok: false, form: { values: keptValues(body), errors } };
}

interface SubmitOptions<S extends z.ZodType> {
  schema: S;
  body: unknown;
  view: string;
  /** The view's other locals (select options, the record being edited …). */
  locals: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** Saves and responds (usually a redirect); may throw Invalid for rule-based field errors. */
  save: (data: z.infer<S>) => Promise<void>;
}

/** Parse → save → respond; on invalid input nothing is saved and the form comes back with 422. */
export async function submitForm<S extends z.ZodType>(res: Response, opts: SubmitOptions<S>): Promise<void> {
  const parsed = parseForm(opts.schema, opts.body);
  if (!parsed.ok) return renderInvalid(res, opts.view, await opts.locals(), parsed.form);
  try {
    await opts.save(parsed.data);
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    return renderInvalid(res, opts.view, await opts.locals(), { values: keptValues(opts.body), errors: err.fieldErrors });
  }
}

/** The banner over a form that came back with errors (the one wording, everywhere). */
export const FORM_ERROR = 'Formularen indeholder fejl. Ret de markerede felter.';

export function renderInvalid(res: Response, view: string, locals: Record<string, unknown>, form: FormState): void {
  res.status(422).render(view, { ...locals, form, formError: FORM_ERROR });
}

// ---- field helpers: coerce at the edge so services get typed values ----

const trimmed = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v ?? ''), z.string());

export function requiredText(message: string, max = 200) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().min(1, { error: message }).max(max, { error: `Højst ${max} tegn` }),
  );
}

export function optionalText(max = 5000) {
  return trimmed.pipe(z.string().max(max, { error: `Højst ${max} tegn` }));
}

/** '' becomes null; otherwise a valid e-mail address, stored in lower case. */
export const optionalEmail = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : null),
  z.email({ error: 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk' }).max(200).nullable(),
);

export const requiredEmail = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''),
  z.email({ error: 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk' }).max(200),
);

/** '' becomes null; otherwise digits, spaces and + only. */
export const optionalPhone = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null),
  z
    .string()
    .regex(/^\+?[0-9 ]{8,20}$/, { error: 'Skriv et telefonnummer med 8 cifre, evt. med landekode, fx +45 12 34 56 78' })
    .nullable(),
);

// ---- days (ÅÅÅÅ-MM-DD, a Copenhagen calendar day), the one set of date fields every form uses ----

const DAY_MESSAGE = 'Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-11-24';
const trimmedOr = (empty: unknown) => (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : empty);

/** A day that must be given. */
export function requiredDay(message = DAY_MESSAGE) {
  return z.preprocess(trimmedOr(''), z.iso.date({ error: message }));
}

/** A day, or '' for none (null). */
export const optionalDay = z.preprocess(trimmedOr(null), z.iso.date({ error: DAY_MESSAGE }).nullable());

/** A day in a search or report form: '' means not given; a wrong one is an error to show. */
export function queryDay(message = DAY_MESSAGE) {
  return z.preprocess(trimmedOr(undefined), z.iso.date({ error: message }).optional());
}

/** A day in a list filter: '' or a malformed value simply means no limit. */
export const filterDay = z.preprocess(trimmedOr(undefined), z.iso.date().optional()).catch(undefined);

/** A list of ids from checkboxes: absent, one value or several. */
export const idList = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.coerce.number({ error: 'Vælg fra listen' }).int().positive()).max(500),
);

/** An HTML checkbox: absent means false, its value true; any other value is refused, not guessed at. */
export const checkbox = z.preprocess((v) => {
  if (v === undefined || v === '' || v === false || v === '0' || v === 'false') return false;
  if (v === 'on' || v === '1' || v === 'true' || v === true) return true;
  return v;
}, z.boolean({ error: 'Sæt eller fjern fluebenet' }));

/** A select of ids where '' means none. */
export const optionalId = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : v),
  z.coerce.number({ error: 'Vælg en gyldig værdi' }).int().positive().nullable(),
);

export function choice<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.enum(values, { error: message });
}

/**
 * A route's :id: a positive integer written the one way we write it (digits, no leading zero),
 * so a record has one URL; "01", "0x1", "1e1" or " 1" are simply not found.
 */
export const idParam = z
  .union([z.string().regex(/^[1-9][0-9]*$/).transform(Number), z.number()])
  .pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER));

/** A route parameter, also one merged from a parent router (`mergeParams`). */
export function routeParam(req: { params: unknown }, name: string): unknown {
  return (req.params as Record<string, unknown>)[name];
}

export function parseId(raw: unknown): number {
  const parsed = idParam.safeParse(raw);
  if (!parsed.success) throw new NotFound();
  return parsed.data;
}

export const passwordField = z
  .string({ error: 'Skriv en adgangskode' })
  .min(10, { error: 'Adgangskoden skal have mindst 10 tegn' })
  .max(200, { error: 'Adgangskoden må højst have 200 tegn' });
