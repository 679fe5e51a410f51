/* screens/reveal.js - click-to-reveal: disclosure buttons (aria-expanded + aria-controls);
 * a panel once opened stays marked "viewed" in text and icon, across sessions. */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;

  screens.reveal = function (ctx) {
    var sc = ctx.screen;
    var seen = ctx.s.seen[ctx.p];
    var expanded = ctx.local.expanded || (ctx.local.expanded = {});
    var opened = seen.filter(Boolean).length;
    var list = h("ul", { class: "cbt-reveal" }, sc.items.map(function (item, i) {
      var panelId = "cbt-panel-" + ctx.p + "-" + i;
      var open = !!expanded[i];
      var btn = h("button", {
        type: "button", class: "cbt-reveal-button" + (seen[i] ? " is-seen" : ""),
        "aria-expanded": String(open), "aria-controls": panelId, "data-key": "reveal-" + i,
        onclick: function () {
          expanded[i] = !expanded[i];
          ctx.dispatch({ type: seen[i] ? "refresh" : "open", page: ctx.p, item: i });
        }
      }, [
        CBT.view.icon(seen[i] ? "check" : "circle"),
        h("span", { class: "cbt-reveal-label", text: item.label }),
        seen[i] ? h("span", { class: "cbt-seen", text: " (viewed)" }) : null
      ]);
      return h("li", {}, [btn, h("div", { class: "cbt-panel", id: panelId, hidden: !open, html: item.html })]);
    }));
    return [
      screens.prose(sc.html),
      list,
      h("p", { class: "cbt-count", text: opened + " of " + sc.items.length + " opened" +
        (sc.requireAll && opened < sc.items.length ? ": open all of them before you go on." : ".") })
    ];
  };
})(globalThis.CBT || (globalThis.CBT = {}));
