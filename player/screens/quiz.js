/* screens/quiz.js - the final quiz: intro, one question at a time, results.
 *
 * One question at a time, not all on one page: each question is a short screen that works at
 * 320 px and 200% zoom, focus moves to its h1 and the live region says "question 3 of 10",
 * so keyboard and screen-reader users always know where they are; resuming lands on the
 * exact question. Answers are stored as they are chosen; nothing is scored until Submit. */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;

  /** A random seed for a question bank's draw (state.apply stays pure: the page draws). */
  function seed() {
    return Math.floor(Math.random() * 4294967296);
  }

  function facts(ctx) {
    var quiz = ctx.idx.quiz;
    var qs = ctx.s.quiz;
    var left = CBT.quiz.attemptsLeft(quiz, qs);
    return h("ul", { class: "cbt-facts" }, [
      h("li", { text: CBT.quiz.size(quiz) + (CBT.quiz.size(quiz) === 1 ? " question" : " questions") }),
      h("li", { text: "Passing score: " + quiz.masteryScore + "%" }),
      h("li", { text: quiz.attempts === null ? "Attempts: unlimited"
        : "Attempts: " + quiz.attempts + " (" + left + " left)" })
    ]);
  }

  function intro(ctx) {
    var lock = CBT.navigation.quizLock(ctx.idx, ctx.s);
    return [
      screens.prose(ctx.idx.quiz.html),
      facts(ctx),
      lock ? h("p", { class: "cbt-lock" }, [CBT.view.icon("lock"), lock])
        : h("button", { type: "button", class: "cbt-button cbt-primary", "data-key": "start", text: "Start Quiz",
          onclick: function () { ctx.dispatch({ type: "quizStart", seed: seed() }); } })
    ];
  }

  function question(ctx) {
    var quiz = ctx.idx.quiz;
    var qs = ctx.s.quiz;
    var order = CBT.quiz.attemptOrder(quiz, qs, ctx.idx.hash);
    var qi = order[qs.pos];
    var q = quiz.questions[qi];
    var answer = qs.answers[qi];
    var last = qs.pos === order.length - 1;
    var hint = answer === null ? "Choose an answer to continue." : "";
    var forward = h("button", {
      type: "button", class: "cbt-button cbt-primary", "data-key": last ? "submit-quiz" : "next-question",
      "aria-disabled": hint ? "true" : null, "aria-describedby": hint ? "cbt-quiz-hint" : null,
      onclick: function () {
        var now = ctx.view.current().quiz.answers[qi];
        if (now === null) { CBT.announce.say("Choose an answer to continue."); return; }
        ctx.dispatch(last ? { type: "quizSubmit" } : { type: "quizPos", pos: qs.pos + 1 });
      }
    }, last ? "Submit Quiz" : "Next question");
    var optOrder = CBT.quiz.optionOrder(quiz, qi, qs.attempt, ctx.idx.hash);
    return [
      screens.choices({
        name: "q" + qi, legendHtml: q.promptHtml, q: q, options: q.options, multiple: q.type === "multiple",
        order: optOrder, value: answer, letters: screens.letters(ctx, q, optOrder),
        onchange: function (value) {
          var s = ctx.dispatch({ type: "quizAnswer", q: qi, value: value }, null, true);
          var done = s.quiz.answers[qi] !== null;
          var hintEl = document.getElementById("cbt-quiz-hint");
          hintEl.textContent = done ? "" : "Choose an answer to continue.";
          if (done) { forward.removeAttribute("aria-disabled"); forward.removeAttribute("aria-describedby"); }
          else { forward.setAttribute("aria-disabled", "true"); forward.setAttribute("aria-describedby", "cbt-quiz-hint"); }
        }
      }),
      h("div", { class: "cbt-quiz-nav" }, [
        qs.pos > 0 ? h("button", { type: "button", class: "cbt-button", "data-key": "prev-question",
          onclick: function () { ctx.dispatch({ type: "quizPos", pos: qs.pos - 1 }); } }, "Previous question") : null,
        h("p", { class: "cbt-next-hint", id: "cbt-quiz-hint", text: hint }),
        forward
      ])
    ];
  }

  function results(ctx) {
    var quiz = ctx.idx.quiz;
    var qs = ctx.s.quiz;
    var passed = CBT.quiz.passed(qs.score, quiz.masteryScore);
    var kids = [
      h("div", { class: "cbt-result is-" + (passed ? "correct" : "wrong") }, [
        h("p", { class: "cbt-score", "data-announce": "" }, [CBT.view.icon(passed ? "check" : "cross"),
          h("strong", { text: (passed ? "Passed" : "Not passed") + ": your score is " + qs.score + "%." })]),
        h("p", { text: "Passing score: " + quiz.masteryScore + "%. Attempt " + qs.attempt +
          (quiz.attempts === null ? "." : " of " + quiz.attempts + ".") }),
        screens.prose(passed ? quiz.passHtml : quiz.failHtml)
      ])
    ];
    if (CBT.quiz.canStart(quiz, qs)) {
      kids.push(h("button", { type: "button", class: "cbt-button cbt-primary", "data-key": "retake",
        text: "Retake Quiz", onclick: function () { ctx.dispatch({ type: "quizStart", seed: seed() }); } }));
    } else if (!passed) {
      kids.push(h("p", { text: "You have used all your attempts." }));
    }
    // The way on (the evaluation) would otherwise sit below a long answer review.
    var next = CBT.navigation.next(ctx.idx, ctx.s);
    if (passed && next.page >= 0 && !next.reason) {
      var to = ctx.idx.pages[next.page];
      kids.push(h("button", { type: "button", class: "cbt-button cbt-primary",
        text: "Continue to " + (to.ch < 0 ? ctx.idx.certificate.title : ctx.idx.chapters[to.ch].data.title),
        onclick: function () { ctx.dispatch({ type: "go", page: next.page }); } }));
    }
    if (quiz.showAnswers) {
      var order = CBT.quiz.attemptOrder(quiz, qs, ctx.idx.hash);
      kids.push(h("h2", { text: "Review your answers" }));
      kids.push(h("ol", { class: "cbt-review" }, order.map(function (qi) {
        var q = quiz.questions[qi];
        var letters = screens.letters(ctx, q, CBT.quiz.optionOrder(quiz, qi, qs.attempt, ctx.idx.hash));
        return h("li", {}, [screens.prose(q.promptHtml), screens.questionFeedback(q, qs.answers[qi], true, letters)]);
      })));
      kids[kids.length - 1].querySelectorAll("[data-key]").forEach(function (el) {
        el.removeAttribute("data-key"); el.removeAttribute("tabindex");
      });
    }
    return kids;
  }

  screens.quiz = function (ctx) {
    var view = CBT.state.quizView(ctx.s);
    if (view === "question") return question(ctx);
    if (view === "results") return results(ctx);
    return intro(ctx);
  };
})(globalThis.CBT || (globalThis.CBT = {}));
