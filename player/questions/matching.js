/* questions/matching.js - items the learner matches, one native <select> per item (no drag
 * and drop: keyboard and screen readers use it as any form field). The answer is, per item,
 * the index of the match chosen; item i's right match is matches[i]. SCORM 1.2 matching:
 * "1.a,2.b" (item number 1-9, match letter a-z). */
(function (CBT) {
  "use strict";

  function valid(q, v) {
    return CBT.qinput.indexes(v, q.items.length, q.matches.length) ? v.slice() : null;
  }

  CBT.qtypes.matching = {
    TYPE: "matching", valid: valid,
    isCorrect: function (q, v) { return v.every(function (m, i) { return m === i; }); },
    walk: function (q, v, io) {
      var w = CBT.suspend.width(q.matches.length);
      var out = q.items.map(function (_, i) { return io.num(w, v ? v[i] + 1 : 0, q.matches.length) - 1; });
      var set = out.filter(function (m) { return m >= 0; }).length;
      if (set && set < out.length) throw new Error("matching");
      return set ? out : null;
    },
    response: function (q, v) {
      return v.map(function (m, i) { return (i + 1) + "." + CBT.cmi.letter(m); }).join(",");
    },
    text: function (q, v) {
      return v.map(function (m, i) { return q.items[i] + ": " + q.matches[m]; }).join("; ");
    },
    right: function (q) {
      return q.items.map(function (item, i) { return item + ": " + q.matches[i]; }).join("; ");
    },
    render: function (o) {
      var h = CBT.view.h;
      var q = o.q;
      var order = CBT.qinput.shuffled(q, q.matches.length, "matches");
      var picks = o.value ? o.value.slice() : q.items.map(function () { return -1; });
      var parts = CBT.qinput.label(o, "legend", { class: "cbt-legend" });
      var rows = q.items.map(function (item, i) {
        var id = "cbt-" + o.name + "-m" + i;
        var select = h("select", { id: id, "data-key": "match-" + i, disabled: o.disabled,
          onchange: function () {
            picks[i] = select.value === "" ? -1 : +select.value;
            o.onchange(picks.indexOf(-1) >= 0 ? null : picks.slice());
          } },
        [h("option", { value: "", text: "Choose a match" })].concat(order.map(function (m) {
          return h("option", { value: String(m), text: q.matches[m], selected: picks[i] === m });
        })));
        return h("div", { class: "cbt-match" }, [h("label", { for: id, text: item }), select]);
      });
      var group = h("fieldset", { class: "cbt-choices cbt-matching", disabled: o.disabled,
        "aria-describedby": parts[0] ? parts[0].id : null }, [parts[1],
        h("p", { class: "cbt-instruction", text: "Choose the match for each item." })].concat(rows));
      return parts[0] ? [parts[0], group] : group;
    }
  };
})(globalThis.CBT || (globalThis.CBT = {}));
