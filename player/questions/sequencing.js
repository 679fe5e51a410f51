/* questions/sequencing.js - items the learner puts in order with "Move up" / "Move down"
 * buttons (no drag and drop). Focus stays on the moved item and the live region says where
 * it went. The answer is the item indexes (author order = the right order) in the learner's
 * order. SCORM 1.2 sequencing: the items' letters in that order, "c,a,b". */
(function (CBT) {
  "use strict";

  function valid(q, v) {
    var n = q.items.length;
    if (!CBT.qinput.indexes(v, n, n)) return null;
    var seen = {};
    for (var i = 0; i < n; i++) {
      if (seen[v[i]]) return null;
      seen[v[i]] = 1;
    }
    return v.slice();
  }

  function names(q, v) {
    return v.map(function (k, i) { return (i + 1) + ". " + q.items[k]; }).join(", ");
  }

  CBT.qtypes.sequencing = {
    TYPE: "sequencing", valid: valid,
    isCorrect: function (q, v) { return v.every(function (k, i) { return k === i; }); },
    walk: function (q, v, io) {
      var n = q.items.length;
      var w = CBT.suspend.width(n - 1);
      var set = io.num(1, v ? 1 : 0, 1);
      var out = q.items.map(function (_, i) { return io.num(w, v ? v[i] : 0, n - 1); });
      if (set && !CBT.qtypes.sequencing.valid(q, out)) throw new Error("sequencing");
      return set ? out : null;
    },
    response: function (q, v) { return v.map(CBT.cmi.letter).join(","); },
    text: names,
    right: function (q) { return names(q, q.items.map(function (_, i) { return i; })); },
    render: function (o) {
      var h = CBT.view.h;
      var q = o.q;
      var order = o.value ? o.value.slice() : CBT.qinput.shuffled(q, q.items.length, "order");
      // The order as shown is an answer: the learner may agree with it. Reported after the
      // render (the quiz's handler needs its page in the document).
      if (!o.value && !o.disabled) Promise.resolve().then(function () { o.onchange(order.slice()); });
      var parts = CBT.qinput.label(o, "legend", { class: "cbt-legend" });
      var list = h("ol", { class: "cbt-sequence" });
      function move(k, by, key) {
        var at = order.indexOf(k);
        var to = at + by;
        if (to < 0 || to >= order.length) return;
        order.splice(at, 1);
        order.splice(to, 0, k);
        draw();
        var target = list.querySelector('[data-key="' + key + k + '"]');
        if (target.disabled) target = list.querySelector('[data-key="' + (key === "up-" ? "down-" : "up-") + k + '"]');
        target.focus();
        CBT.announce.say(q.items[k] + ": position " + (to + 1) + " of " + order.length + ".");
        o.onchange(order.slice());
      }
      function draw() {
        list.textContent = "";
        order.forEach(function (k, pos) {
          var kids = [h("span", { class: "cbt-seq-item", id: "cbt-" + o.name + "-s" + k, text: q.items[k] })];
          if (!o.disabled) {
            kids.push(h("span", { class: "cbt-seq-moves" }, [
              // The name starts with the visible words (WCAG 2.5.3) and says which item.
              h("button", { type: "button", class: "cbt-button", "data-key": "up-" + k, disabled: pos === 0,
                "aria-label": "Move up: " + q.items[k], text: "Move up", onclick: function () { move(k, -1, "up-"); } }),
              h("button", { type: "button", class: "cbt-button", "data-key": "down-" + k, disabled: pos === order.length - 1,
                "aria-label": "Move down: " + q.items[k], text: "Move down", onclick: function () { move(k, 1, "down-"); } })
            ]));
          }
          list.appendChild(h("li", { class: "cbt-seq" }, kids));
        });
      }
      draw();
      var group = h("fieldset", { class: "cbt-choices cbt-sequencing", "aria-describedby": parts[0] ? parts[0].id : null }, [
        parts[1], o.disabled ? null : h("p", { class: "cbt-instruction", text: "Put the items in order with the Move up and Move down buttons." }), list]);
      return parts[0] ? [parts[0], group] : group;
    }
  };
})(globalThis.CBT || (globalThis.CBT = {}));
