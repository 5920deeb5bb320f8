// Live preview for the entry editor: while staff type, the form is posted to the preview endpoint
// (debounced) and the returned fragment replaces #preview. Without JavaScript the "Pratinjau"
// button posts the same form and the server answers with the whole page, so nothing depends on this.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  var target = document.getElementById("preview");
  var stale = document.getElementById("preview-stale");
  if (!form || !target || !form.dataset.previewUrl || !window.fetch || !window.FormData) {
    return;
  }
  var WAIT_MS = 600;
  var timer = null;
  var sent = 0;

  function showStale(isStale) {
    target.classList.toggle("stale", isStale);
    if (stale) {
      stale.hidden = !isStale;
    }
  }

  function refresh() {
    var mine = ++sent;
    fetch(form.dataset.previewUrl, {
      method: "POST",
      body: new FormData(form), // carries csrf_token like any form post
      headers: { "X-Preview-Fragment": "1" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (fragment) {
        if (mine === sent) { // an older, slower answer never overwrites a newer one
          target.innerHTML = fragment; // server-rendered, every typed character escaped
          showStale(false);
        }
      })
      .catch(function () {
        if (mine === sent) {
          showStale(true);
        }
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, WAIT_MS);
  }

  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
