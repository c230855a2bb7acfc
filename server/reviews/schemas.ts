// The review date form ("Tages op igen"): one optional Copenhagen day; empty removes it.
import { z } from 'zod';
import { REVIEW_KINDS } from '../db/schema';
import { optionalDay } from '../web/form';

export const ReviewFormSchema = z.object({ review_day: optionalDay });
export type ReviewForm = z.infer<typeof ReviewFormSchema>;

export const ReviewKindSchema = z.enum(REVIEW_KINDS);
