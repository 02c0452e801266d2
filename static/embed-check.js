/* The loader's check page (/embed-check/<site>, docs/embedding.md): when the guide's frame did not
   open, the loader frames this page and asks. The answer goes by postMessage to the page that
   asked, and to it only: whether this site id exists, and whether that page's origin is one of
   the site's own. Nothing else is said, and nothing is sent anywhere. */
(function () {
  "use strict";
  var root = document.documentElement;
  var origins = (root.getAttribute("data-origins") || "").split(" ");
  window.addEventListener("message", function (event) {
    if (event.source !== window.parent || !event.data || event.data.type !== "hhw:check") return;
    window.parent.postMessage({ type: "hhw:checked", known: root.hasAttribute("data-known"),
      allowed: origins.indexOf(event.origin) >= 0 }, event.origin);
  });
})();
