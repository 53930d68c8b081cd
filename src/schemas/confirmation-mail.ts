import { z } from 'zod';

/** Where the confirmation link goes in a confirmation mail's text. */
export const LINK_PLACEHOLDER = '{link}';

const mailText = (max: number) => z.string().trim().min(1).max(max).optional();

/**
 * A lead form's mails, from content (docs/marketers.md, "Double opt-in"): with `needsConfirmation`
 * a lead waits as `unconfirmed` until the visitor clicks the link in the confirmation mail; the
 * optional receipt thanks them once the sign-up is in. Texts are plain text, per locale.
 */
export const confirmationMailShape = {
  needsConfirmation: z.boolean().default(false),
  confirmationSubject: mailText(200),
  confirmationBody: mailText(5000),
  receiptSubject: mailText(200),
  receiptBody: mailText(5000),
};

interface FormMails {
  needsConfirmation: boolean;
  confirmationSubject?: string | undefined;
  confirmationBody?: string | undefined;
  receiptSubject?: string | undefined;
  receiptBody?: string | undefined;
}

/** What a marketer must fix, by field: a confirmation needs a subject and a text with the link. */
export function confirmationMailProblems(form: FormMails): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  if (form.needsConfirmation && !form.confirmationSubject)
    problems.push({ path: ['confirmationSubject'], message: 'write the subject of the confirmation mail' });
  if (form.needsConfirmation && !form.confirmationBody?.includes(LINK_PLACEHOLDER))
    problems.push({
      path: ['confirmationBody'],
      message: `write the confirmation mail's text with ${LINK_PLACEHOLDER} where the link goes`,
    });
  if (Boolean(form.receiptSubject) !== Boolean(form.receiptBody))
    problems.push({
      path: ['receiptBody'],
      message: 'give the receipt mail both a subject and a text, or neither',
    });
  return problems;
}

/** One locale's mail texts of a form, as the build bundles them for the worker. */
export const FormMailTextsSchema = z.object({
  confirmation: z.object({ subject: z.string(), body: z.string() }).optional(),
  receipt: z.object({ subject: z.string(), body: z.string() }).optional(),
});
export type FormMailTexts = z.infer<typeof FormMailTextsSchema>;
