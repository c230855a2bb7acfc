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
