/* ratings.js - the state of rating screens (pure, no DOM; bundled only for a course that has
 * them). A rating screen holds one statement (a rating scale) or several on one scale (a
 * grid); s.answer[p] is one point index per statement, null until rated. Like a poll, a
 * submitted rating is final. Registered in CBT.kinds (see checks.js). */
(function (CBT) {
  "use strict";

  function left(sc, answers) {
    return answers.filter(function (v) { return v === null; }).length;
  }

  CBT.kinds = CBT.kinds || {};
  CBT.kinds.rating = {
    init: function (s, p, sc) { s.answer[p] = CBT.state.fill(sc.statements.length, null); },
    /** rate {page, values}: the point index (or null) per statement; records those not rated
     * yet. True when something changed. */
    apply: function (s, n, a, sc) {
      if (a.type !== "rate" || !Array.isArray(a.values)) return false;
      var had = s.answer[a.page];
      var out = had.slice();
      var changed = false;
      had.forEach(function (v, i) {
        var want = CBT.state.validAnswer({ options: sc.points }, a.values[i]);
        if (v === null && want !== null) { out[i] = want; changed = true; }
      });
      if (!changed) return false;
      n.answer = CBT.state.setAt(s.answer, a.page, out);
      n.answeredAt = a.t || 0;
      return true;
    },
    done: function (s, p, sc) { return !sc.required || left(sc, s.answer[p]) === 0; },
    pending: function (s, p, sc) {
      return "Rate every statement to continue (" + left(sc, s.answer[p]) + " left).";
    },
    /** Per statement: 0 = not rated, else the point's index + 1 (src/cbtforge/suspend.py). */
    walk: function (s, p, sc, io) {
      var n = sc.points.length;
      var w = CBT.suspend.width(n);
      s.answer[p] = s.answer[p].map(function (v) {
        var x = io.num(w, v === null ? 0 : v + 1, n);
        return x ? x - 1 : null;
      });
    },
    /** One likert interaction per newly rated statement: its one-character response (the
     * payload's responses: a numeric value in base 36, or a labelled point's position). */
    records: function (sc, before, after, recs, latency) {
      sc.statements.forEach(function (st, i) {
        if (after[i] === null || before[i] !== null) return;
        recs.push({
          id: st.interactionId, type: CBT.cmi.TYPE.LIKERT, response: sc.responses[after[i]],
          result: CBT.cmi.RESULT.NEUTRAL, weighting: 0, latency: latency
        });
      });
    },
    points: function () { return [0, 0]; } // never scored
  };
})(globalThis.CBT || (globalThis.CBT = {}));
