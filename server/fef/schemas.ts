// The "forklar eller fjern" form and the register's filters, with Danish messages; hours in Danish notation.
import { z } from 'zod';
import { FEF_DECISIONS, FEF_ORIGINS, type FefDecision, type FefOrigin } from '../db/schema';
import { choice, optionalId, optionalText, requiredText } from '../web/form';

export const FEF_ORIGIN_LABELS: Record<FefOrigin, string> = {
  lovkrav: 'Lovkrav',
  retningslinje: 'Retningslinje',
  egen_fortolkning: 'Egen fortolkning',
  selvopfundet: 'Selvopfundet arbejdsgang',
};

export const FEF_DECISION_LABELS: Record<FefDecision, string> = {
  afventer: 'Afventer',
  forklaret_bevares: 'Forklaret og bevares',
  aendret: 'Ændret',
  fjernet: 'Fjernet',
};

export const MAX_HOURS_PER_MONTH = 10000;
const HOURS_MESSAGE = 'Skriv antal timer pr. måned som et tal på 0 eller derover med højst to decimaler, fx 1,5';

/**
 * Hours per month, typed the Danish way ("1,5") or with a point ("1.5"); at most two decimals.
 * "1.000" is refused rather than guessed at: in Danish it means a thousand, elsewhere one.
 */
export const optionalHours = z.preprocess(
  (v) => {
    if (v === undefined || v === null) return null;
    if (typeof v === 'number') return v;
    if (typeof v !== 'string') return Number.NaN;
    const text = v.trim();
    if (text === '') return null;
    if (!/^\d{1,5}([.,]\d{1,2})?$/.test(text)) return Number.NaN;
    return Number(text.replace(',', '.'));
  },
  z
    .number({ error: HOURS_MESSAGE })
    .min(0, { error: HOURS_MESSAGE })
    .max(MAX_HOURS_PER_MONTH, { error: `Skriv højst ${MAX_HOURS_PER_MONTH.toLocaleString('da-DK')} timer pr. måned` })
    .nullable(),
);

const hoursFormat = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });

/** "1,5", "1.250" – hours as a Danish reader expects them. */
export function formatHours(hours: number | null | undefined): string {
  return hours === null || hours === undefined ? '' : hoursFormat.format(hours);
}

/** Hours as the form field shows them, so they read back unchanged: "1,5" (no thousands point). */
export function hoursFieldValue(hours: number | null): string {
  return hours === null ? '' : String(hours).replace('.', ',');
}

export const FefFormSchema = z.object({
  title: requiredText('Skriv, hvilken regel, procedure eller dokumentation det drejer sig om', 300),
  applies_to: optionalText(1000),
  origin: choice(FEF_ORIGINS, 'Vælg, hvor reglen kommer fra'),
  raised_by: optionalId,
  decision: choice(FEF_DECISIONS, 'Vælg en beslutning'),
  rationale: optionalText(10000),
  hours_saved_per_month: optionalHours,
  decided_meeting_id: optionalId,
});
export type FefForm = z.infer<typeof FefFormSchema>;

export const FefFilterSchema = z.object({
  decision: z.enum(FEF_DECISIONS).optional().catch(undefined),
  origin: z.enum(FEF_ORIGINS).optional().catch(undefined),
});
export type FefFilter = z.infer<typeof FefFilterSchema>;
