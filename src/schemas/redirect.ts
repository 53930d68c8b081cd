import { z } from 'zod';

/** A path on this site as a visitor types it: starts with `/`, no query, no fragment, no spaces. */
const SitePathSchema = z
  .string()
  .trim()
  .regex(/^\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*$/, 'write a path on this site starting with /, e.g. /home/');

/**
 * A redirect a marketer adds for an old or printed address. Paths are written without a locale
 * prefix when a locale is given (its prefix is added to both), as typed otherwise.
 */
export const RedirectSchema = z.object({
  type: z.literal('redirect'),
  id: z.string(),
  from: SitePathSchema.describe('the old address, e.g. /home/'),
  to: z
    .string()
    .trim()
    .refine(
      (to) => /^\/(?!\/)/.test(to) || /^https:\/\/[^\s]+$/.test(to),
      'write a path on this site (starting with /) or a full https:// address',
    ),
  status: z
    .union([z.literal(301), z.literal(302)], {
      error: 'choose 301 (moved for good) or 302 (for now, e.g. during a campaign)',
    })
    .default(301),
  locale: z
    .string()
    .regex(/^[a-z]{2}-[A-Z]{2}$/, 'give a locale code such as de-DE, or leave it empty')
    .optional(),
});

export type Redirect = z.infer<typeof RedirectSchema>;
