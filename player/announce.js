/* announce.js - one polite live region for screen changes, feedback and save messages
 * (WCAG 4.1.3 status messages). */
(function (CBT) {
  "use strict";
  var region = null;
  var timer = null;

  function mount(parent) {
    region = document.createElement("div");
    region.className = "cbt-sr-only";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.id = "cbt-live";
    parent.appendChild(region);
    return region;
  }

  /** Say ``text`` politely. Clearing first and writing a moment later makes screen readers
   * repeat a message that happens to equal the previous one. */
  var pending = [];

  function say(text) {
    if (!region || !text) return;
    pending.push(text); // messages in the same moment are read together, none is lost
    if (timer) return;
    region.textContent = "";
    timer = setTimeout(function () {
      timer = null;
      region.textContent = pending.join(" ");
      pending = [];
    }, 60);
  }

  CBT.announce = { mount: mount, say: say };
})(globalThis.CBT || (globalThis.CBT = {}));
