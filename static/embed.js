/* Help guide loader (docs/embedding.md): <script src="https://HOST/embed.js" data-site="SITE-ID" async></script>
   data-guide="https://HOST/": the guide's address, for a copy of this file the host serves itself.
   Adds a "Get help" button that opens the guide in a dialog, or (data-mode="inline") the guide
   itself where the tag stands. data-lang="es" picks the language (else the page's <html lang> when
   the guide has it, else English); data-color one of the button's colours; data-position="left".
   Reads nothing else from the host page: no cookies, storage, URL or title (its origin only to
   name it in a console line for the site's web team). Sends nothing: the only requests are the
   guide's frame and, when the frame did not open, one small check page; neither names the page.
   When the guide cannot open (origin not allowed, unknown site id, the page's CSP, no answer),
   the visitor reads so in the page, with a new-tab link, 911 and 988; the console says what to fix.
   One widget per page: a second copy of this tag, or the same tag run again, changes nothing.
   The button and dialog live outside <body>, so a page that re-renders or replaces it keeps them.
   Quick exit is always in view: in the dialog's own bar, or inline in the frame's sticky bar. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  // The guide's address: beside the loader, or data-guide for a copy the host serves itself.
  var base = new URL(script.getAttribute("data-guide") || script.src);
  if (script.getAttribute("data-guide") && !/\/$/.test(base.pathname)) base.pathname += "/";
  var origin = base.origin;
  var exitUrl = /*EXIT_URL*/"";
  var LABELS = /*LABELS*/{}; // {lang: {label: text}}, from the app's catalog and content
  var COLOURS = /*COLOURS*/{}; // {name: colour}: white text on each passes WCAG AA
  var has = function (object, key) { return Object.prototype.hasOwnProperty.call(object, key); };
  var data = function (name) { return script.getAttribute("data-" + name); };
  function known(code) {
    code = String(code || "").toLowerCase().split("-")[0];
    return has(LABELS, code) ? code : "";
  }
  var lang = known(script.getAttribute("data-lang")) || known(document.documentElement.getAttribute("lang")) || "en";
  var L = LABELS[lang];
  var site = data("site") || "";
  var inline = data("mode") === "inline";
  var part = lang === "en" ? "" : lang + "/";
  // Beside the loader itself, so a mount prefix (https://HOST/help/embed.js) carries over.
  var src = new URL("embed/" + encodeURIComponent(site) + "/" + part, base).href;
  var home = new URL(part || "./", base).href;
  var FONT = "font:700 1rem/1.2 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;";
  function say(text) { console.error("Help guide: " + text); }

  var shared = window.helpGuideWidget || (window.helpGuideWidget = {});
  if (inline) {
    if (shared.inline && shared.inline.isConnected) return; // one guide on the page already
    if (!document.body || !document.body.contains(script)) {
      return say('data-mode="inline" shows the guide where its script tag stands, and this tag is ' +
        "not in <body>. Move it into <body>, where the guide should appear (or leave out data-mode " +
        'for the "Get help" button).');
    }
  } else if (shared.attach) {
    if (shared.site !== site) say('a second tag asks for data-site="' + site + '"; this page shows "' + shared.site + '" only.');
    return shared.attach();
  }

  function el(tag, text, css) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    node.style.cssText = css || "";
    return node;
  }
  var frame = el("iframe", "", "display:block;width:100%;border:0;visibility:hidden;" +
    (inline ? "height:640px" : "flex:1 1 auto;min-height:0;height:auto"));
  frame.title = L.title;
  frame.setAttribute("referrerpolicy", "no-referrer");
  frame.setAttribute("allow", "");
  var opening = el("p", L.opening, "margin:1rem;" + FONT + "font-weight:400;color:#0b0c0c");
  var state = "", loads = 0, timer, button, panel, closer, notice;

  // Until the guide says hello, it is not shown; if it never does, the check below says why.
  function wait(ms) {
    clearTimeout(timer);
    timer = setTimeout(check, ms);
  }
  function ready() {
    clearTimeout(timer);
    if (state === "refused") return;
    state = "ready";
    frame.style.visibility = "";
    opening.remove();
  }
  frame.addEventListener("load", function () {
    var doc = frame.contentDocument; // readable only while the frame is still our own empty page
    if ((doc && doc.URL === "about:blank") || state === "refused") return;
    loads += 1;
    // "bar": the exit is drawn out here
    frame.contentWindow.postMessage({ type: "hhw:hello", bar: !inline, focus: loads > 1 }, origin);
    if (inline && loads > 1) showTop();
    if (!state) wait(1500);
  });
  // The host page's CSP refused the frame: nothing to wait for.
  document.addEventListener("securitypolicyviolation", function (event) {
    if (!state && event.disposition !== "report" && String(event.blockedURI).indexOf(origin) === 0 &&
        /^(frame|child|default)-src/.test(event.effectiveDirective)) refuse("csp");
  });

  // Why the guide did not say hello: a tiny page that any site may frame tells this page, and
  // only this page (by postMessage, never by a request), whether the site id exists and whether
  // this page's origin is among its own.
  function check() {
    if (state) return;
    var probe = el("iframe", "", "position:absolute;width:0;height:0;border:0;visibility:hidden");
    var answered = false, give;
    probe.title = L.title;
    probe.tabIndex = -1;
    probe.setAttribute("referrerpolicy", "no-referrer");
    probe.setAttribute("allow", "");
    function done(why) {
      if (answered) return;
      answered = true;
      clearTimeout(give);
      window.removeEventListener("message", hear);
      probe.remove();
      if (why === "fine") { // it can open here after all: show what came
        say("the guide opened but did not answer its loader; if this keeps happening, tell the guide's operator.");
        ready();
      } else refuse(why);
    }
    function hear(event) {
      var d = event.data;
      if (event.source === probe.contentWindow && event.origin === origin && d && d.type === "hhw:checked") {
        done(!d.known ? "site" : d.allowed ? "fine" : "origin");
      }
    }
    window.addEventListener("message", hear);
    probe.addEventListener("load", function () { probe.contentWindow.postMessage({ type: "hhw:check" }, origin); });
    give = setTimeout(function () { done("down"); }, 4000);
    probe.src = new URL("embed-check/" + encodeURIComponent(site), base).href;
    document.documentElement.appendChild(probe);
  }

  function refuse(why) {
    if (state) return;
    state = "refused";
    clearTimeout(timer);
    var page = location.origin;
    say({
      csp: "this page's Content-Security-Policy does not allow the guide's frame. Add " + origin +
        " to frame-src (or to child-src or default-src, whichever your policy uses for frames).",
      origin: "this page's origin, " + page + ', may not show data-site="' + site + '". Ask the ' +
        "guide's operator to add " + page + ' to HELP_EMBED_SITES for "' + site + '" (with and ' +
        "without www., http and https, and each port are different origins).",
      site: 'data-site="' + site + '" is not a site id on ' + origin + ". Use the id the guide's " +
        "operator gave you (their HELP_EMBED_SITES).",
      down: origin + " did not answer, so the guide cannot open. Check the address in the script tag (" +
        base.href + "); if it is right, the guide's server may be down."
    }[why] + " See " + new URL("embed/help", base).href);
    opening.remove();
    frame.style.display = "none";
    notice = refusal();
    if (frame.parentNode) frame.parentNode.insertBefore(notice, frame);
  }

  // Words in the visitor's language, in this page: the guide cannot open here, open it in a new
  // tab, and the numbers for now. Sentences come as [text, link, bold] pieces (no HTML).
  function refusal() {
    var box = el("div", "", "box-sizing:border-box;margin:0;padding:1rem;background:#fff;color:#0b0c0c;" +
      FONT + "font-weight:400;line-height:1.5" + (inline ? ";border:2px solid #0b0c0c" : ""));
    box.setAttribute("role", "alert");
    box.lang = lang;
    box.appendChild(el("p", L.refused, "margin:0 0 .75rem;font-size:1.2rem;font-weight:700"));
    var line = el("p", "", "margin:0 0 .75rem");
    var link = el("a", L.newTab, "color:#1d4e89;font-weight:700;text-decoration:underline");
    link.href = home;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    line.appendChild(link);
    box.appendChild(line);
    L.now.forEach(function (pieces) {
      var p = el("p", "", "margin:0 0 .5rem");
      pieces.forEach(function (piece) {
        var node = piece[1] ? el("a", piece[0], "color:#1d4e89;text-decoration:underline")
          : piece[2] ? el("strong", piece[0]) : document.createTextNode(piece[0]);
        if (piece[1]) node.href = piece[1];
        p.appendChild(node);
      });
      box.appendChild(p);
    });
    if (inline) box.appendChild(exitButton());
    return box;
  }

  function showTop() {
    var top = frame.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 3) frame.scrollIntoView({ block: "start" });
  }
  function leave(url) {
    if (!/^https?:\/\//.test(url)) return;
    (panel || (state === "refused" ? notice : frame)).style.visibility = "hidden";
    location.replace(url);
  }
  function exitButton() {
    var exit = el("button", L.exit, FONT + "min-height:44px;padding:.5rem 1rem;color:#fff;" +
      "background:#a4262c;border:2px solid #a4262c;border-radius:4px;cursor:pointer");
    exit.type = "button";
    exit.setAttribute("aria-label", L.exitLabel);
    exit.addEventListener("click", function () { leave(exitUrl); });
    return exit;
  }

  window.addEventListener("message", function (event) {
    var d = event.data;
    if (event.source !== frame.contentWindow || event.origin !== origin || !d) return;
    if (d.type === "hhw:height" && d.h > 0 && inline) {
      frame.style.height = Math.min(Math.round(d.h), window.innerHeight) + "px";
    } else if (d.type === "hhw:ready") {
      exitUrl = String(d.exit || exitUrl);
      ready();
    } else if (d.type === "hhw:page" && inline) showTop(); // a step shown without a load (site.js)
    else if (d.type === "hhw:exit") leave(String(d.url));
    else if (d.type === "hhw:close" && panel) close();
  });

  // Shift pressed three times within 5 s on the host page also exits, while the guide shows.
  var presses = 0, shifts;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || event.ctrlKey || event.altKey || event.metaKey) { presses = 0; return; }
    if (panel ? !panel.open : !frame.isConnected) return;
    presses += 1;
    clearTimeout(shifts);
    shifts = setTimeout(function () { presses = 0; }, 5000);
    if (presses >= 3 && exitUrl) leave(exitUrl);
  });

  function start() {
    if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(site)) return refuse("site"); // no request for a name that cannot be one
    frame.src = src;
    wait(20000); // no load at all (a server that hangs)
  }

  if (inline) {
    shared.inline = frame;
    script.parentNode.insertBefore(opening, script.nextSibling);
    opening.parentNode.insertBefore(frame, opening.nextSibling);
    return start();
  }

  var colour = data("color");
  if (colour && !has(COLOURS, colour)) {
    say('data-color="' + colour + '" is not one of ' + Object.keys(COLOURS).join(", ") + ": the first is used.");
  }
  button = el("button", L.open, "position:fixed;" + (data("position") === "left" ? "left" : "right") +
    ":1rem;bottom:1rem;z-index:2147483646;" + FONT + "font-size:1.1rem;padding:.75rem 1.25rem;min-height:44px;" +
    "color:#fff;background:" + (has(COLOURS, colour) ? COLOURS[colour] : COLOURS[Object.keys(COLOURS)[0]]) +
    ";border:2px solid #fff;border-radius:6px;cursor:pointer");
  button.type = "button";
  button.lang = lang;
  button.setAttribute("aria-haspopup", "dialog");

  // A modal <dialog>: the host page behind it is inert, so focus cannot land there.
  panel = el("dialog");
  panel.setAttribute("aria-label", L.title);
  panel.lang = lang;
  var bar = el("div", "", "display:flex;align-items:center;gap:.5rem;padding:.5rem;background:#f3f2f1;" +
    "border-bottom:1px solid #b1b4b6;flex:0 0 auto");
  closer = el("button", L.close, FONT + "font-weight:400;min-height:44px;padding:.25rem 1rem;color:#0b0c0c;" +
    "background:#fff;border:2px solid #0b0c0c;border-radius:4px;cursor:pointer");
  closer.type = "button";
  closer.autofocus = true; // what showModal() focuses: not the sentinel before it
  var exit = exitButton();
  exit.style.marginLeft = "auto";
  // Focus traps: Tab past the frame's end goes round to Close; Shift+Tab before Close, to the frame's end.
  var end = el("span", "", "position:absolute;width:1px;height:1px;overflow:hidden");
  end.tabIndex = 0;
  end.addEventListener("focus", function () { closer.focus(); });
  var begin = el("span", "", end.style.cssText);
  begin.tabIndex = 0;
  begin.addEventListener("focus", function () {
    if (state !== "ready") {
      var links = panel.querySelectorAll("[role=alert] a");
      return (links.length ? links[links.length - 1] : exit).focus();
    }
    frame.focus();
    frame.contentWindow.postMessage({ type: "hhw:focus-last" }, origin);
  });
  bar.appendChild(closer);
  bar.appendChild(exit);
  panel.appendChild(begin);
  panel.appendChild(bar);
  panel.appendChild(opening);
  panel.appendChild(frame);
  panel.appendChild(end);

  var small = window.matchMedia("(max-width: 40em), (max-height: 32em)");
  function layout() {
    // Full screen on a phone; a side panel on larger screens.
    var base = "display:flex;flex-direction:column;position:fixed;z-index:2147483647;margin:0;padding:0;" +
      "overflow:auto;background:#fff;color:#0b0c0c;box-sizing:border-box;max-width:none;max-height:none;";
    panel.style.cssText = base + (small.matches
      ? "inset:0;width:100%;height:100%;border:0"
      : "inset:auto 1rem 4.5rem auto;width:26rem;height:min(44rem,calc(100vh - 6rem));" +
        "border:2px solid #0b0c0c;box-shadow:0 4px 16px rgba(0,0,0,.3)");
    if (data("position") === "left") panel.style.inset = small.matches ? "0" : "auto auto 4.5rem 1rem";
  }
  function open() {
    if (!frame.getAttribute("src") && !state) start(); // nothing is loaded until someone asks for help
    layout();
    if (panel.showModal) panel.showModal(); else panel.setAttribute("open", "");
    closer.focus();
  }
  function close() {
    if (!panel.open) return;
    if (panel.close) panel.close(); else panel.removeAttribute("open");
    panel.style.display = "none";
    button.focus();
  }
  if (small.addEventListener) small.addEventListener("change", function () { if (panel.open) layout(); });
  closer.addEventListener("click", close);
  panel.addEventListener("cancel", function (event) { event.preventDefault(); close(); }); // Esc
  button.addEventListener("click", function () { if (panel.open) close(); else open(); });
  panel.style.display = "none";

  // Outside <body>, beside it: a page that re-renders or replaces its body keeps the widget,
  // and one that removes it gets it back.
  var holder = el("div");
  holder.appendChild(button);
  holder.appendChild(panel);
  function attach() {
    if (!holder.isConnected && document.body) document.documentElement.appendChild(holder);
  }
  shared.site = site;
  shared.attach = attach;
  function mount() {
    attach();
    if (window.MutationObserver) new MutationObserver(attach).observe(document.documentElement, { childList: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount); else mount();
})();
