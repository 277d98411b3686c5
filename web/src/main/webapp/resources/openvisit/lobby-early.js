// A patient who came long before the appointment: when the lobby opens (#early's data-opens, from the server), the
// page reloads and the server gives the lobby. Checked at least once a minute (a laptop that slept, a changed clock);
// a few seconds of random delay so that many early patients do not all reload at once.
(function () {
  'use strict';
  const early = document.getElementById('early');
  if (!early || !early.dataset.opens) { return; }
  const opens = Date.parse(early.dataset.opens);
  if (Number.isNaN(opens)) { return; }
  const spread = Math.floor(Math.random() * 5000);
  function check() {
    const wait = opens + spread - Date.now();
    if (wait <= 0) { location.reload(); return; }
    setTimeout(check, Math.min(wait, 60000));
  }
  check();
})();
