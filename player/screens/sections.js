/* screens/sections.js - a chapter's sections in the menu and the progress line (bundled only
 * for a course with sections): "Unit 2 › The Deal Maker: screen 2 of 4". */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;

  /** The chapter's sections, a nested list under its menu item, kept up to date by a hook. */
  screens.sectionsMenu = function (v, c) {
    var list = h("ol", { class: "cbt-menu-sections" });
    c.sections.forEach(function (sec) {
      var first = c.first + sec.first;
      var state = h("span", { class: "cbt-menu-state" });
      var btn = h("button", { type: "button", class: "cbt-menu-item cbt-menu-section" }, [
        h("span", { class: "cbt-menu-icon" }), h("span", { class: "cbt-menu-text", text: sec.title }), state]);
      var item = { btn: btn, title: sec.title, state: state, reason: "" };
      btn.addEventListener("click", function () {
        if (item.reason) { CBT.announce.say(sec.title + " is locked. " + item.reason); return; }
        v.handlers.go(first);
        if (v.menuToggle.getAttribute("aria-expanded") === "true") CBT.view.toggleMenu(v);
      });
      list.appendChild(h("li", {}, btn));
      v.hooks.push(function (s) { frame(v, s, item, first, sec.count); });
    });
    v.menuList.lastChild.appendChild(list);
  };

  function frame(v, s, item, first, count) {
    var idx = v.idx;
    var lock = CBT.navigation.pageLock(idx, s, first);
    var visited = 0;
    var done = 0;
    for (var p = first; p < first + count; p++) {
      if (s.visited[p]) visited++;
      if (s.visited[p] && CBT.state.pageDone(idx, s, p)) done++;
    }
    var status = lock ? "locked" : done === count ? "complete" : visited ? "progress" : "new";
    item.reason = lock;
    CBT.view.paint(item, "cbt-menu-item cbt-menu-section is-" + status, status, CBT.view.STATUS_TEXT[status],
      s.page >= first && s.page < first + count);
  }

  /** The progress line in a chapter with sections: a section's screens count on their own,
   * and so do the chapter's screens outside its sections. */
  screens.sectionProgress = function (idx, s, c) {
    var sec = CBT.state.sectionOf(idx, s.page);
    if (sec) {
      return c.data.title + " \u203a " + sec.data.title + ": screen " + (s.page - sec.first + 1) +
        " of " + sec.pages.length;
    }
    var own = c.pages.filter(function (q) { return !CBT.state.sectionOf(idx, q); });
    return c.data.title + ": screen " + (own.indexOf(s.page) + 1) + " of " + own.length;
  };
})(globalThis.CBT || (globalThis.CBT = {}));
