/* checks.js - the state of knowledge_check screens (pure, no DOM; bundled only for a course
 * that has them). A knowledge check holds several questions; s.answer[p] is one answer per
 * question, null until checked, null again after "Try Again" (only a wrong answer may be
 * tried again). Registered in CBT.kinds, which state, navigation, suspend, tracking and
 * quiz consult for screen types defined outside the core. */
(function (CBT) {
  "use strict";
  var isCorrect = function (q, v) { return CBT.quiz.isCorrect(q, v); };

  function open(sc, answers) {
    return sc.questions.filter(function (q, i) {
      var v = answers[i];
      return v === null || (sc.passRequired && !isCorrect(q, v));
    }).length;
  }

  CBT.kinds = CBT.kinds || {};
  CBT.kinds.knowledge_check = {
    init: function (s, p, sc) { s.answer[p] = CBT.state.fill(sc.questions.length, null); },
    /** kcAnswer {page, q, value} / kcRetry {page, q}: writes n.answer, true when it changed. */
    apply: function (s, n, a, sc) {
      var q = sc.questions[a.q];
      if (!q || (a.type !== "kcAnswer" && a.type !== "kcRetry")) return false;
      var had = s.answer[a.page][a.q];
      var v = null;
      if (a.type === "kcAnswer") {
        v = CBT.state.validAnswer(q, a.value);
        if (had !== null || v === null) return false;
      } else if (!sc.retry || had === null || isCorrect(q, had)) {
        return false;
      }
      n.answer = CBT.state.setAt(s.answer, a.page, CBT.state.setAt(s.answer[a.page], a.q, v));
      n.answeredAt = a.t || 0;
      return true;
    },
    done: function (s, p, sc) { return open(sc, s.answer[p]) === 0; },
    pending: function (s, p, sc) {
      return (sc.passRequired ? "Answer every question correctly to continue (" : "Answer every question to continue (") +
        open(sc, s.answer[p]) + " left).";
    },
    walk: function (s, p, sc, io, walkAnswer) {
      s.answer[p] = sc.questions.map(function (q, i) { return walkAnswer(q, s.answer[p][i], io); });
    },
    /** One interaction per newly checked answer; weighted only when the screen is scored. */
    records: function (sc, before, after, recs, latency, questionRecord) {
      sc.questions.forEach(function (q, i) {
        if (after[i] === null || before[i] !== null) return;
        recs.push(questionRecord(q.interactionId, q, after[i], sc.scored ? q.weight : 0, latency));
      });
    },
    /** [earned, possible] for a scored check. */
    points: function (sc, answers) {
      var out = [0, 0];
      sc.questions.forEach(function (q, i) {
        out[1] += q.weight;
        if (isCorrect(q, answers[i])) out[0] += q.weight;
      });
      return out;
    }
  };
})(globalThis.CBT || (globalThis.CBT = {}));
