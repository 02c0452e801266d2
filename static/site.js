/* Optional enhancements; every page works without this file. */
(function () {
  "use strict";
  var root = document.documentElement;
  function exitLink() { return document.getElementById("quick-exit"); }
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
        var exit = exitLink();
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
    var resize = window.ResizeObserver ? new ResizeObserver(sendHeight) : null;
    if (resize) resize.observe(document.body);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") send({ type: "hhw:close" }); // Esc closes the panel; it never exits
    });
  }

  // Returns true when it handled the exit; false leaves it to the link (target=_top).
  function leave() {
    var exit = exitLink();
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

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("#quick-exit") && leave()) event.preventDefault();
  });

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
    if (presses >= 3 && !leave() && exitLink()) window.open(exitLink().href, "_top");
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

  // What each page needs once it is shown (again after a page swapped in, below).
  function enhance() {
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
  }
  enhance();

  // Inside the widget, each step would add an entry to the *host* page's history (a framed
  // page's navigations are part of the top page's Back list), and Back would take a press per
  // step to leave the host site. So here a step replaces this page instead of adding one:
  // a form is sent by fetch and its answer swapped in, a link replaces the current entry.
  // Without JavaScript, or in a browser without these, the forms and links work as they are.
  if (framed && window.fetch && window.DOMParser && window.URLSearchParams && history.replaceState) {
    var busy = false;
    var sameOrigin = function (url) { return url.origin === location.origin; };

    var swapIn = function (html, url) {
      var next = new DOMParser().parseFromString(html, "text/html");
      var nextRoot = next.documentElement;
      if (!next.body || !nextRoot.hasAttribute("data-home")) return false; // not one of this site's pages
      root.lang = nextRoot.lang;
      root.setAttribute("data-home", nextRoot.getAttribute("data-home"));
      document.title = next.title;
      document.body.replaceWith(document.adoptNode(next.body)); // its scripts never run: this one stays
      history.replaceState(null, "", url);
      window.scrollTo(0, 0);
      if (resize) { resize.disconnect(); resize.observe(document.body); }
      enhance();
      showHeading();
      send({ type: "hhw:page" }); // the loader brings the new page into view, as on a load
      sendHeight();
      return true;
    };

    // Sent the ordinary way after all (a download, an answer that is not a page, no network).
    var sendAsIs = function (form, submitter) {
      if (submitter && submitter.name) {
        var field = document.createElement("input");
        field.type = "hidden";
        field.name = submitter.name;
        field.value = submitter.value;
        form.appendChild(field);
      }
      form.submit();
    };

    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (event.defaultPrevented || form.method.toLowerCase() !== "post" || form.target || !("submitter" in event)) return;
      var action = new URL(form.action, location.href);
      if (!sameOrigin(action)) return;
      event.preventDefault();
      if (busy) return; // one step at a time: a second tap waits for the first
      busy = true;
      var submitter = event.submitter;
      var body = new URLSearchParams(new FormData(form));
      if (submitter && submitter.name) body.append(submitter.name, submitter.value);
      fetch(action.href, { method: "POST", body: body, cache: "no-store", credentials: "omit" })
        .then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          if (type.indexOf("text/html") !== 0 || response.headers.get("Content-Disposition")) throw new Error("not a page");
          return response.text().then(function (html) {
            if (!swapIn(html, response.url)) throw new Error("not a page");
          });
        })
        .catch(function () { sendAsIs(form, submitter); })
        .then(function () { busy = false; });
    });

    document.addEventListener("click", function (event) {
      if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey ||
          event.altKey || !event.target.closest) return;
      var link = event.target.closest("a[href]");
      if (!link || link.target || link.hasAttribute("download")) return;
      var url = new URL(link.href, location.href);
      if (!sameOrigin(url)) return;
      event.preventDefault();
      if (url.pathname === location.pathname && url.search === location.search && url.hash) {
        // A place on this page (the skip link, an error's field): there, without a history entry.
        var target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
        if (!target) return;
        target.scrollIntoView();
        if (!target.matches("a[href], button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
        target.focus({ preventScroll: true });
      } else {
        location.replace(url.href);
      }
    });
  }

  root.setAttribute("data-js", "ready"); // tests wait for this before using the enhancements
})();
