// Zod fields for what people type into forms: trimmed, with a plain-English message naming the field.
import { z } from 'zod';

/** Required text of at most `max` characters. */
export const requiredText = (label: string, max: number) =>
  z
    .string({ message: `${label} is required.` })
    .trim()
    .min(1, { message: `${label} is required.` })
    .max(max, { message: `${label} must be ${max} characters or fewer.` });

/** Optional text of at most `max` characters; empty, null or missing all become undefined. */
export const optionalText = (label: string, max: number) =>
  z
    .string({ message: `${label} must be text.` })
    .trim()
    .max(max, { message: `${label} must be ${max} characters or fewer.` })
    .nullish()
    .transform((s) => (s ? s : undefined));
