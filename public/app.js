// Progressive enhancement only: every page works without this file.

// After a failed submit the error summary takes focus, so keyboard and screen reader users
// start from the list of what to correct.
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.getElementById('fejlopsummering');
  if (summary) summary.focus();
});

// Asks before a form marked with data-confirm is sent.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = form.getAttribute('data-confirm');
  if (question && !window.confirm(question)) event.preventDefault();
});

// Fields that belong to one kind of record (the trial-action fields of the initiative form) are
// shown only while that kind is chosen. Without the script they stay visible; the server ignores
// them for other kinds.
document.addEventListener('DOMContentLoaded', () => {
  for (const fieldset of document.querySelectorAll('[data-shown-for-kind]')) {
    const kind = fieldset.closest('form')?.querySelector('select[name="kind"]');
    if (!(kind instanceof HTMLSelectElement)) continue;
    const update = () => {
      fieldset.hidden = kind.value !== fieldset.getAttribute('data-shown-for-kind');
    };
    kind.addEventListener('change', update);
    update();
  }
});

// A decision phrase fills the decision field in place (without the script the button sends the
// form, and the server shows it again with the phrase filled in). "Udsat" also ticks postponed.
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[name="phrase"]') : null;
  if (!(button instanceof HTMLButtonElement)) return;
  const form = button.form;
  const decision = form?.querySelector('textarea[name="decision"]');
  if (!(decision instanceof HTMLTextAreaElement)) return;
  event.preventDefault();
  const typed = decision.value.trim();
  decision.value = typed ? `${button.value}\n${typed}` : button.value;
  if (button.value === 'Udsat') {
    const postponed = form.querySelector('input[name="postponed"]');
    if (postponed instanceof HTMLInputElement) postponed.checked = true;
  }
  decision.focus();
});
