/* screens/glossary.js - glossary terms in the text and the Glossary button in the banner
 * (bundled only for a course with a glossary). */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;

  /* A term in the text is a disclosure the compiler wrote (src/cbtforge/glossary.py): a
   * button with aria-expanded and, right after it, its definition, hidden until opened. One
   * listener serves every screen, so the screens need not know about terms. */
  function toggleTerm(btn, open) {
    btn.setAttribute("aria-expanded", String(open));
    document.getElementById(btn.getAttribute("aria-controls")).hidden = !open;
  }
  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest(".cbt-term");
    if (btn) toggleTerm(btn, btn.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (e) {
    var btn = e.target.closest && e.target.closest(".cbt-term");
    if (btn && e.key === "Escape" && btn.getAttribute("aria-expanded") === "true") toggleTerm(btn, false);
  });

  /** Every term, alphabetically, in a modal dialog: focus moves into it, stays there until
   * it closes (Close or Escape) and then returns to the Glossary button. */
  function glossary(list) {
    var dialog = h("dialog", { class: "cbt-glossary", "aria-labelledby": "cbt-glossary-title" }, [
      h("div", { class: "cbt-glossary-head" }, [
        h("h2", { id: "cbt-glossary-title", text: "Glossary" }),
        h("button", { type: "button", class: "cbt-button", text: "Close",
          onclick: function () { dialog.close(); } })]),
      h("dl", {}, list.map(function (g) {
        return [h("dt", { text: g.term }), h("dd", { html: g.html })];
      }))]);
    var btn = h("button", { type: "button", class: "cbt-button", "aria-haspopup": "dialog",
      onclick: function () { dialog.showModal(); } }, "Glossary");
    dialog.addEventListener("close", function () { btn.focus(); });
    return [btn, dialog];
  }

  /* The button goes into the banner before Exit, as Resources does; added here rather than
   * in view.js so that a course without a glossary ships not one byte of it. */
  var mount = CBT.view.mount;
  CBT.view.mount = function (app, idx, handlers) {
    var v = mount(app, idx, handlers);
    if (idx.course.glossary) {
      glossary(idx.course.glossary).forEach(function (el) { v.header.insertBefore(el, v.exit); });
    }
    return v;
  };
  CBT.screens.glossary = glossary;
})(globalThis.CBT || (globalThis.CBT = {}));
