/** How much of a CRM's error answer is kept for operators: enough to read the reason, no more. */
const snippetChars = 300;

/** The start of a response body as one line, reading no more than needed and releasing the rest. */
export async function readSnippet(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < snippetChars) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, snippetChars);
}

/** A fetch failure as a short, stable description: the system error code when there is one. */
export function networkErrorDetail(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : 'network error';
}
