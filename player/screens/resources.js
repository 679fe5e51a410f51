/* screens/resources.js - the Resources button in the banner (bundled only for a course with
 * handouts or resources). */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var srOnly = CBT.view.srOnly;

  /** The handouts and reference documents: a disclosure in the banner, its links open a new
   * window (inside the LMS frame a PDF would replace the course). Escape closes it. */
  CBT.screens.resources = function (v, list) {
    var panel = h("div", { class: "cbt-resources", id: "cbt-resources", hidden: true }, [
      h("ul", {}, list.map(function (r) {
        return h("li", {}, h("a", { href: r.href, target: "_blank", rel: "noopener" }, [
          r.title, h("span", { class: "cbt-resource-kind", text: " (" + r.kind + ")" }),
          srOnly(" (opens in a new window)")]));
      }))]);
    var btn = h("button", { type: "button", class: "cbt-button", "aria-expanded": "false",
      "aria-controls": "cbt-resources", onclick: function () { toggle(); } }, "Resources");
    function toggle() {
      var open = btn.getAttribute("aria-expanded") !== "true";
      btn.setAttribute("aria-expanded", String(open));
      panel.hidden = !open;
    }
    panel.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      toggle();
      btn.focus();
    });
    return [btn, panel];
  };
})(globalThis.CBT || (globalThis.CBT = {}));
