/**
 * The element ids a lead form renders, shared by the form block and the lead endpoint, which
 * links a no-JS visitor back to `#<form>` after an error and to `#<success>` after a sign-up.
 */
export function formAnchors(formId: string) {
  return {
    form: `${formId}-form`,
    success: `${formId}-success`,
    errorSummaryTitle: `${formId}-error-summary-title`,
  };
}
