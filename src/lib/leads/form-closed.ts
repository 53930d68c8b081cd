/** The kill switch: is this form closed by `LEADS_FORMS_CLOSED` (a list of form ids, or `*`)? */
export function isFormClosed(formsClosed: readonly string[], formId: string): boolean {
  return formsClosed.includes('*') || formsClosed.includes(formId);
}
