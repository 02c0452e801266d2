/* Help guide loader: <script src="https://HOST/embed.js" data-site="SITE-ID" data-lang="en" async></script>
   Adds a "Get help" button that opens the guide in a dialog, or (data-mode="inline") the guide
   itself where the tag is. Reads nothing from the host page: no cookies, storage, URL or title. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src).origin;
  var inline = script.getAttribute("data-mode") === "inline";
  var exitUrl = "";
  var frame = document.createElement("iframe");
  var src = origin + "/embed/" + encodeURIComponent(script.getAttribute("data-site") || "") +
    "/?lang=" + encodeURIComponent(script.getAttribute("data-lang") || "en");
  frame.title = "Help guide";
  frame.setAttribute("referrerpolicy", "no-referrer");
  frame.setAttribute("allow", "");
  frame.style.cssText = "display:block;width:100%;height:640px;border:0";
  frame.addEventListener("load", function () {
    frame.contentWindow.postMessage({ type: "hhw:hello" }, origin);
  });

  var button, panel;
  function leave(url) {
    if (!/^https?:\/\//.test(url)) return;
    (panel || frame).style.visibility = "hidden";
    location.replace(url);
  }
  function open() {
    if (!frame.src) frame.src = src; // nothing is loaded until someone asks for help
    panel.hidden = false;
    panel.firstChild.focus();
  }
  function close() {
    panel.hidden = true;
    button.focus();
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.source !== frame.contentWindow || event.origin !== origin || !data) return;
    if (data.type === "hhw:height" && data.h > 0) frame.style.height = Math.min(Math.round(data.h), 20000) + "px";
    else if (data.type === "hhw:ready") exitUrl = String(data.exit || "");
    else if (data.type === "hhw:exit") leave(String(data.url));
    else if (data.type === "hhw:close" && panel) close();
  });

  // Shift pressed three times within 5 s on the host page also exits, while the guide shows.
  var presses = 0, timer;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || event.ctrlKey || event.altKey || event.metaKey) { presses = 0; return; }
    if (panel && panel.hidden) return;
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
  button = document.createElement("button");
  button.type = "button";
  button.textContent = "Get help";
  button.setAttribute("aria-haspopup", "dialog");
  button.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483646;font:700 1.1rem/1.2 system-ui,sans-serif;" +
    "padding:.75rem 1.25rem;min-height:44px;color:#fff;background:#1d4e89;border:2px solid #fff;border-radius:6px;cursor:pointer";
  panel = document.createElement("div");
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-modal", "true");
  panel.setAttribute("aria-label", "Help guide");
  panel.hidden = true;
  panel.style.cssText = "position:fixed;right:1rem;bottom:4.5rem;z-index:2147483647;width:min(26rem,calc(100vw - 2rem));" +
    "max-height:calc(100vh - 6rem);overflow:auto;background:#fff;border:2px solid #0b0c0c;box-shadow:0 4px 16px rgba(0,0,0,.3)";
  var closer = document.createElement("button");
  closer.type = "button";
  closer.textContent = "Close";
  closer.style.cssText = "display:block;margin:.25rem .25rem .25rem auto;min-height:44px;padding:.25rem 1rem;font:1rem system-ui,sans-serif";
  closer.addEventListener("click", close);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") close(); });
  panel.appendChild(closer);
  panel.appendChild(frame);
  button.addEventListener("click", function () { if (panel.hidden) open(); else close(); });
  document.body.appendChild(button);
  document.body.appendChild(panel);
})();
