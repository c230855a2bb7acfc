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
