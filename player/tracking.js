/* tracking.js - (before, after) -> the CMI writes that report the change (pure, no DOM).
 * Formats follow SCORM 1.2 RTE 3.4.4: choice responses are letters a, b, ...; true-false is
 * t/f; polls are likert with one character and result "neutral"; reflections are fill-in
 * cut to 255 characters; results are correct/wrong (never 2004's "incorrect"). */
(function (CBT) {
  "use strict";
  var cmi = CBT.cmi;

  function bookmark(idx, p) {
    return cmi.truncate(idx.pages[p].key, cmi.LIMIT.LOCATION);
  }

  function responseOf(question, answer) {
    if (CBT.qtypes[question.type]) return CBT.qtypes[question.type].response(question, answer);
    if (question.type === "true_false") return answer === 0 ? "t" : "f";
    if (question.type === "multiple") return answer.map(cmi.letter).join(",");
    return cmi.letter(answer);
  }

  function correctOf(question) {
    if (question.pattern !== undefined) return question.pattern; // player/questions/*.js types
    if (question.type === "true_false") return question.correct[0] === 0 ? "t" : "f";
    return question.correct.slice().sort(function (a, b) { return a - b; }).map(cmi.letter).join(",");
  }

  /** One interaction record as cmi.interactions.n.* writes; ``id`` goes first because an
   * LMS creates the array entry from it (RTE 1.2 3.4.4: n must be _count or an existing n). */
  function interaction(out, n, rec, ctx) {
    function set(field, value) { out.push([cmi.interaction(n, field), String(value)]); }
    set("id", rec.id);
    set("type", rec.type);
    set("time", cmi.timeOfDay(ctx.now));
    set("weighting", rec.weighting);
    set("student_response", rec.response);
    if (rec.correct !== undefined) set("correct_responses.0.pattern", rec.correct);
    set("result", rec.result);
    set("latency", cmi.timespan(rec.latency));
  }

  function questionRecord(id, question, answer, weighting, latency) {
    return {
      id: id, type: CBT.qtypes[question.type] ? CBT.qtypes[question.type].TYPE
        : question.type === "true_false" ? cmi.TYPE.TRUE_FALSE : cmi.TYPE.CHOICE,
      response: responseOf(question, answer), correct: correctOf(question),
      result: CBT.quiz.isCorrect(question, answer) ? cmi.RESULT.CORRECT : cmi.RESULT.WRONG,
      weighting: weighting, latency: latency
    };
  }

  /** Interaction records for what changed between ``b`` and ``a`` (states of one session). */
  function records(idx, b, a, ctx) {
    var recs = [];
    var latency = Math.max(0, ctx.t - (a.shownAt || ctx.t));
    idx.pages.forEach(function (page, p) {
      var sc = page.screen;
      if (!sc) return;
      if (CBT.kinds[sc.type]) {
        if (b.answer[p] !== a.answer[p]) CBT.kinds[sc.type].records(sc, b.answer[p], a.answer[p], recs, latency, questionRecord);
        return;
      }
      if (b.answer[p] === null && a.answer[p] !== null) {
        var v = a.answer[p];
        if (sc.type === "classifier") {
          recs.push({
            id: sc.interactionId, type: cmi.TYPE.CHOICE, response: cmi.letter(v),
            correct: cmi.letter(sc.correct),
            result: v === sc.correct ? cmi.RESULT.CORRECT : cmi.RESULT.WRONG,
            weighting: sc.scored ? 1 : 0, latency: latency
          });
        } else if (sc.type === "poll") {
          recs.push({
            id: sc.interactionId, type: cmi.TYPE.LIKERT, response: cmi.letter(v),
            result: cmi.RESULT.NEUTRAL, weighting: 0, latency: latency
          });
        } else if (sc.type === "question") {
          recs.push(questionRecord(sc.interactionId, sc.question, v,
            sc.scored ? sc.question.weight : 0, latency));
        }
      }
      if (sc.type === "reflection" && b.saved[p] !== a.saved[p]) {
        sc.fields.forEach(function (f, i) {
          var text = a.saved[p][i];
          if (text === b.saved[p][i] || !text.trim()) return;
          recs.push({
            id: f.interactionId, type: cmi.TYPE.FILL_IN,
            // Line breaks become spaces: LMS reports show responses on one line.
            response: cmi.truncate(text.replace(/\s+/g, " ").trim(), cmi.LIMIT.FEEDBACK),
            result: cmi.RESULT.NEUTRAL, weighting: 0, latency: latency
          });
        });
      }
    });
    if (a.quiz && a.quiz.submitted && !(b.quiz.submitted && b.quiz.attempt === a.quiz.attempt)) {
      var order = CBT.quiz.attemptOrder(idx.quiz, a.quiz, idx.hash);
      order.forEach(function (qi) {
        var q = idx.quiz.questions[qi];
        recs.push(questionRecord(q.interactionId, q, a.quiz.answers[qi], q.weight, a.quiz.lat[qi]));
      });
    }
    return recs;
  }

  /** {set: [[element, value], ...], interactions: count} for the change from ``b`` to ``a``.
   * ``ctx``: {next: first free interaction index, now: Date, t: ms, suspend: last suspend_data,
   * saves: its save count}. */
  function writes(idx, b, a, ctx) {
    if (ctx.review) {
      // RTE 1.2 3.4.4 cmi.core.lesson_mode "review": the learner revisits a SCO the LMS
      // already holds a result for. The place is kept; status, score, interactions and the
      // saved answers stand as recorded.
      var place = a.page !== b.page ? [["cmi.core.lesson_location", bookmark(idx, a.page)]] : [];
      return { set: place, interactions: 0, suspend: ctx.suspend };
    }
    var out = [];
    var recs = records(idx, b, a, ctx);
    recs.forEach(function (rec, i) { interaction(out, ctx.next + i, rec, ctx); });
    var scored = a.quiz && a.quiz.submitted && !(b.quiz.submitted && b.quiz.attempt === a.quiz.attempt);
    if (scored) {
      // RTE 1.2 3.4.4 score: raw with min and max, all 0..100; before the status so an LMS that
      // checks the mastery score sees the new score.
      out.push(["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"],
        ["cmi.core.score.raw", String(a.quiz.score)]);
    }
    if (a.status !== b.status) out.push(["cmi.core.lesson_status", a.status]);
    if (a.page !== b.page) out.push(["cmi.core.lesson_location", bookmark(idx, a.page)]);
    // The save counter goes up only when the state (or the next interaction index) changed,
    // so the newest copy has the highest count (main.restore compares the LMS's and the
    // browser's); the next index rides along for LMSs without a numeric _count.
    var next = ctx.next + recs.length;
    var saves = ctx.saves || 0;
    var suspend = CBT.suspend.encode(idx, a, { saves: saves, next: next });
    if (suspend !== ctx.suspend) {
      suspend = CBT.suspend.encode(idx, a, { saves: ++saves, next: next });
      out.push(["cmi.suspend_data", suspend]);
    }
    return { set: out, interactions: recs.length, suspend: suspend, saves: saves };
  }

  CBT.tracking = { writes: writes, bookmark: bookmark, responseOf: responseOf, correctOf: correctOf };
})(globalThis.CBT || (globalThis.CBT = {}));
