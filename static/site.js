/* Optional enhancements; every page works without this file. */
(function () {
  "use strict";
  var root = document.documentElement;
  var exit = document.getElementById("quick-exit");
  var framed = window.top !== window.self;
  var origins = (root.getAttribute("data-origins") || "").split(" ").filter(Boolean);
  var host = null; // the embedding page's origin, once its loader has said hello

  function send(message) {
    // Only ever to the exact host origin that proved itself in the handshake.
    if (host) window.parent.postMessage(message, host);
  }
  function sendHeight() {
    send({ type: "hhw:height", h: Math.ceil(document.body.scrollHeight) });
  }
  // A new page in the widget starts at its heading, so a screen reader hears where it is
  // (an error summary, focused below, keeps the focus).
  function showHeading() {
    var heading = document.querySelector("main h1");
    if (!heading || document.querySelector("[data-focus]")) return;
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
  if (framed) {
    window.addEventListener("message", function (event) {
      if (event.source !== window.parent || origins.indexOf(event.origin) < 0) return;
      var data = event.data || {};
      if (data.type === "hhw:hello") {
        host = event.origin;
        // The loader's dialog draws its own quick exit, always in view: no second one in here.
        if (data.bar) root.className += " exit-outside";
        if (data.focus) showHeading();
        send({ type: "hhw:ready", exit: exit ? exit.href : "" });
        sendHeight();
      } else if (data.type === "hhw:focus-last" && host) {
        // Shift+Tab went round the dialog's start: continue from this page's last control.
        var all = document.querySelectorAll("a[href], button:not([hidden]), input:not([type=hidden]), select, textarea");
        for (var i = all.length - 1; i >= 0; i--) {
          if (all[i].offsetParent !== null) { all[i].focus(); break; }
        }
      }
    });
    if (window.ResizeObserver) new ResizeObserver(sendHeight).observe(document.body);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") send({ type: "hhw:close" }); // Esc closes the panel; it never exits
    });
  }

  // Returns true when it handled the exit; false leaves it to the link (target=_top).
  function leave() {
    if (!exit) return false;
    root.className += " exiting";
    document.title = "";
    if (framed) {
      if (!host) return false;
      send({ type: "hhw:exit", url: exit.href }); // the loader replaces the host page
      return true;
    }
    // replace(): this page does not stay as the entry Back returns to.
    window.location.replace(exit.href);
    return true;
  }

  if (exit) {
    exit.addEventListener("click", function (event) {
      if (leave()) event.preventDefault();
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
    if (presses >= 3 && !leave() && exit) window.open(exit.href, "_top");
  });

  // Leave nothing behind for the back/forward cache: clear forms on the way out.
  window.addEventListener("pagehide", function () {
    var forms = document.forms;
    for (var i = 0; i < forms.length; i++) forms[i].reset();
    var hidden = document.querySelectorAll("input[type=hidden]");
    for (var j = 0; j < hidden.length; j++) hidden[j].remove();
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.replace(root.getAttribute("data-home") || "/");
  });

  var summary = document.querySelector("[data-focus]");
  if (summary) summary.focus();

  var status = document.getElementById("copy-status");
  var copies = document.querySelectorAll("[data-copy]");
  for (var k = 0; k < copies.length && navigator.clipboard; k++) {
    (function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var box = document.getElementById(button.getAttribute("data-copy"));
        navigator.clipboard.writeText(box.value).then(function () {
          if (status) status.textContent = button.getAttribute("data-done") || "Copied.";
        }, function () {
          box.focus();
          box.select();
        });
      });
    })(copies[k]);
  }

  // The print button exists only where it can work: text browsers never see it.
  var keep = document.getElementById("keep");
  if (keep && window.print) {
    var print = document.createElement("button");
    print.type = "button";
    print.id = "print";
    print.className = "link-button";
    print.textContent = keep.getAttribute("data-print");
    print.addEventListener("click", function () { window.print(); });
    keep.appendChild(document.createTextNode(" "));
    keep.appendChild(print);
  }
  root.setAttribute("data-js", "ready"); // tests wait for this before using the enhancements
})();
