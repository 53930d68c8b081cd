/**
 * The confirmation page: the token from the mailed link (`?token=`) is posted once the visitor
 * presses the button, never on load (mail scanners open links, and some run scripts). The answer
 * picks the state shown; a repeated click is answered `confirmed` again by the function.
 */
const root = document.querySelector<HTMLElement>('[data-confirm-signup]');
const button = root?.querySelector<HTMLButtonElement>('[data-confirm]');
const failed = root?.querySelector<HTMLElement>('[data-failed]');
const token = new URLSearchParams(location.search).get('token');

function show(state: 'ask' | 'confirmed' | 'expired' | 'unknown') {
  root?.querySelectorAll<HTMLElement>('[data-state]').forEach((element) => {
    element.hidden = element.dataset.state !== state;
  });
  if (state !== 'ask') root?.querySelector<HTMLElement>(`[data-state="${state}"] h1`)?.focus();
}

async function confirmSignup() {
  if (!root || !button || !token) return;
  const label = button.textContent;
  button.disabled = true;
  button.textContent = button.dataset.sending ?? label;
  if (failed) failed.hidden = true;
  try {
    const response = await fetch(root.dataset.api ?? '/api/leads/confirm', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    if (response.status === 200) return show('confirmed');
    if (response.status === 410) return show('expired');
    if (response.status === 404) return show('unknown');
    throw new Error(`HTTP ${response.status}`);
  } catch {
    if (failed) failed.hidden = false;
    button.disabled = false;
    button.textContent = label;
  }
}

if (!token) show('unknown');
button?.addEventListener('click', () => void confirmSignup());
