// A background job's page: asks the server for the job's state every second until it is done or
// has failed, and updates the progress bar, the count, the download button or the link to the
// result, the message, and a notice when it has waited long in the queue.
(function () {
  "use strict";

  var section = document.querySelector("[data-job-status-url]");
  if (!section) return;
  var url = section.getAttribute("data-job-status-url");

  function field(name) {
    return section.querySelector('[data-job-field="' + name + '"]');
  }

  function show(state) {
    section.setAttribute("data-status", state.status);
    var bar = section.querySelector("progress");
    bar.value = state.percent;
    bar.textContent = state.percent + " %";
    field("status_label").textContent = state.status_label;
    field("done").textContent = state.done;
    field("total").textContent = state.total;
    if (state.total) section.querySelector('[data-job-part="count"]').hidden = false;
    field("notice").textContent = state.notice || "";
    section.querySelector('[data-job-part="notice"]').hidden = !state.notice;
    if (state.download_url) {
      field("download_url").setAttribute("href", state.download_url);
      section.querySelector('[data-job-part="download"]').hidden = false;
    }
    if (state.result_url) {
      field("result_url").setAttribute("href", state.result_url);
      section.querySelector('[data-job-part="result"]').hidden = false;
    }
    if ((state.status === "failed" || state.status === "done") && state.message) {
      var message = section.querySelector('[data-job-part="message"]');
      message.setAttribute("data-color", state.status === "failed" ? "danger" : "success");
      field("message").textContent = state.message;
      message.hidden = false;
    }
    return state.status === "done" || state.status === "failed";
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) {
        if (!show(state)) window.setTimeout(poll, 1000);
      })
      .catch(function () {
        window.setTimeout(poll, 3000);
      });
  }

  var status = section.getAttribute("data-status");
  if (status !== "done" && status !== "failed") window.setTimeout(poll, 500);
})();
