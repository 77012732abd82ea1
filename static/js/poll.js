// The page may come from a shared cache: ask, for this browser only, whether it
// has voted, and if so show a thank-you instead of the form. Without JavaScript
// the form stays and the vote itself answers "already voted".
document.querySelectorAll(".poll-widget[data-state-url]").forEach(function (widget) {
  fetch(widget.dataset.stateUrl, { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (state) {
      if (state && state.voted) {
        widget.querySelector("form").hidden = true;
        widget.querySelector(".poll-voted").hidden = false;
      }
    })
    .catch(function () {});
});
