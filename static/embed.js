/* Help guide loader: <script src="https://HOST/embed.js" data-site="SITE-ID" async></script>
   (data-lang="es": the guide and the loader's own labels in Spanish.)
   Adds a "Get help" button that opens the guide in a dialog, or (data-mode="inline") the guide
   itself where the tag is. Reads nothing from the host page: no cookies, storage, URL or title.
   Quick exit is always in view: in the dialog's own bar (outside the frame), or inline in the
   frame's sticky bar, the frame at most one screen tall and each new page shown from its top. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src).origin;
  var inline = script.getAttribute("data-mode") === "inline";
  var exitUrl = /*EXIT_URL*/"";
  var LABELS = /*LABELS*/{}; // {lang: {label: text}}, from the app's catalog
  var lang = script.getAttribute("data-lang");
  if (!Object.prototype.hasOwnProperty.call(LABELS, lang)) lang = "en";
  var L = LABELS[lang];
  var frame = document.createElement("iframe");
  // Beside the loader itself, so a mount prefix (https://HOST/help/embed.js) carries over.
  var src = new URL("embed/" + encodeURIComponent(script.getAttribute("data-site") || "") + "/" +
    (lang === "en" ? "" : lang + "/"), script.src).href;
  var FONT = "font:700 1rem/1.2 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;";
  frame.title = L.title;
  frame.setAttribute("referrerpolicy", "no-referrer");
  frame.setAttribute("allow", "");
  frame.style.cssText = "display:block;width:100%;border:0;" + (inline ? "height:640px" : "flex:1 1 auto;min-height:0;height:auto");

  var button, panel, loads = 0;
  frame.addEventListener("load", function () {
    var doc = frame.contentDocument; // readable only while the frame is still our own empty page
    if (doc && doc.URL === "about:blank") return; // nothing to greet yet
    loads += 1;
    // "bar": the exit is drawn out here
    frame.contentWindow.postMessage({ type: "hhw:hello", bar: !inline, focus: loads > 1 }, origin);
    if (inline && loads > 1) showTop();
  });

  function showTop() {
    var top = frame.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight / 3) frame.scrollIntoView({ block: "start" });
  }
  function leave(url) {
    if (!/^https?:\/\//.test(url)) return;
    (panel || frame).style.visibility = "hidden";
    location.replace(url);
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.source !== frame.contentWindow || event.origin !== origin || !data) return;
    if (data.type === "hhw:height" && data.h > 0 && inline) {
      frame.style.height = Math.min(Math.round(data.h), window.innerHeight) + "px";
    } else if (data.type === "hhw:ready") exitUrl = String(data.exit || exitUrl);
    else if (data.type === "hhw:page" && inline) showTop(); // a step shown without a load (site.js)
    else if (data.type === "hhw:exit") leave(String(data.url));
    else if (data.type === "hhw:close" && panel) close();
  });

  // Shift pressed three times within 5 s on the host page also exits, while the guide shows.
  var presses = 0, timer;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || event.ctrlKey || event.altKey || event.metaKey) { presses = 0; return; }
    if (panel && !panel.open) return;
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 5000);
    if (presses >= 3 && exitUrl) leave(exitUrl);
  });

  if (inline) {
    frame.src = src;
    script.parentNode.insertBefore(frame, script.nextSibling);
    return;
  }

  function el(tag, text, css) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    node.style.cssText = css;
    return node;
  }
  button = el("button", L.open, "position:fixed;right:1rem;bottom:1rem;z-index:2147483646;" + FONT +
    "font-size:1.1rem;padding:.75rem 1.25rem;min-height:44px;color:#fff;background:#1d4e89;border:2px solid #fff;" +
    "border-radius:6px;cursor:pointer");
  button.type = "button";
  button.lang = lang;
  button.setAttribute("aria-haspopup", "dialog");

  // A modal <dialog>: the host page behind it is inert, so focus cannot land there.
  panel = el("dialog", "", "");
  panel.setAttribute("aria-label", L.title);
  panel.lang = lang;
  var bar = el("div", "", "display:flex;align-items:center;gap:.5rem;padding:.5rem;background:#f3f2f1;" +
    "border-bottom:1px solid #b1b4b6;flex:0 0 auto");
  var closer = el("button", L.close, FONT + "font-weight:400;min-height:44px;padding:.25rem 1rem;color:#0b0c0c;" +
    "background:#fff;border:2px solid #0b0c0c;border-radius:4px;cursor:pointer");
  closer.type = "button";
  closer.autofocus = true; // what showModal() focuses: not the sentinel before it
  var exit = el("button", L.exit, FONT + "margin-left:auto;min-height:44px;padding:.5rem 1rem;color:#fff;" +
    "background:#a4262c;border:2px solid #a4262c;border-radius:4px;cursor:pointer");
  exit.type = "button";
  exit.setAttribute("aria-label", L.exitLabel);
  // Focus traps: Tab past the frame's end goes round to Close; Shift+Tab before Close, to the frame's end.
  var end = el("span", "", "position:absolute;width:1px;height:1px;overflow:hidden");
  end.tabIndex = 0;
  end.addEventListener("focus", function () { closer.focus(); });
  var start = el("span", "", end.style.cssText);
  start.tabIndex = 0;
  start.addEventListener("focus", function () {
    if (!loads) return closer.focus();
    frame.focus();
    frame.contentWindow.postMessage({ type: "hhw:focus-last" }, origin);
  });
  bar.appendChild(closer);
  bar.appendChild(exit);
  panel.appendChild(start);
  panel.appendChild(bar);
  panel.appendChild(frame);
  panel.appendChild(end);

  var small = window.matchMedia("(max-width: 40em), (max-height: 32em)");
  function layout() {
    // Full screen on a phone; a side panel on larger screens.
    var base = "display:flex;flex-direction:column;position:fixed;z-index:2147483647;margin:0;padding:0;" +
      "overflow:hidden;background:#fff;color:#0b0c0c;box-sizing:border-box;max-width:none;max-height:none;";
    panel.style.cssText = base + (small.matches
      ? "inset:0;width:100%;height:100%;border:0"
      : "inset:auto 1rem 4.5rem auto;width:26rem;height:min(44rem,calc(100vh - 6rem));" +
        "border:2px solid #0b0c0c;box-shadow:0 4px 16px rgba(0,0,0,.3)");
  }
  function open() {
    if (!frame.getAttribute("src")) frame.src = src; // nothing is loaded until someone asks for help
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
  exit.addEventListener("click", function () { leave(exitUrl); });
  panel.addEventListener("cancel", function (event) { event.preventDefault(); close(); }); // Esc
  button.addEventListener("click", function () { if (panel.open) close(); else open(); });
  panel.style.display = "none";
  document.body.appendChild(button);
  document.body.appendChild(panel);
})();
