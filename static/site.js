/* Optional enhancements; every page works without this file. */
(function () {
  "use strict";
  var exit = document.getElementById("quick-exit");

  function leave() {
    if (!exit) return;
    document.documentElement.className += " exiting";
    document.title = "";
    // replace(): this page does not stay as the entry Back returns to.
    window.location.replace(exit.href);
  }

  if (exit) {
    exit.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });
  }

  // Shift pressed three times within 5 seconds leaves (GOV.UK pattern).
  var presses = 0, timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || event.ctrlKey || event.altKey || event.metaKey) {
      presses = 0;
      return;
    }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 5000);
    if (presses >= 3) leave();
  });

  // Leave nothing behind for the back/forward cache: clear forms on the way out.
  window.addEventListener("pagehide", function () {
    var forms = document.forms;
    for (var i = 0; i < forms.length; i++) forms[i].reset();
    var hidden = document.querySelectorAll("input[type=hidden]");
    for (var j = 0; j < hidden.length; j++) hidden[j].remove();
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.replace("/");
  });

  var summary = document.querySelector("[data-focus]");
  if (summary) summary.focus();

  var copy = document.querySelector("[data-copy]");
  var status = document.getElementById("copy-status");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var box = document.getElementById(copy.getAttribute("data-copy"));
      navigator.clipboard.writeText(box.value).then(function () {
        if (status) status.textContent = copy.getAttribute("data-done") || "Copied.";
      }, function () {
        box.focus();
        box.select();
      });
    });
  }

  var print = document.getElementById("print");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
