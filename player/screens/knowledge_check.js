/* screens/knowledge_check.js - several questions on one screen inside a chapter. Each is
 * checked on its own (feedback for the option chosen), may be tried again after a wrong
 * answer, and is recorded as an interaction; linear navigation waits for all of them. */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;

  function check(ctx, i) {
    var picks = ctx.local.picks;
    if (picks[i] === undefined || picks[i] === null) {
      ctx.local.warns[i] = "Choose an answer first.";
      ctx.dispatch({ type: "refresh" }, "check-" + i);
      CBT.announce.say(ctx.local.warns[i]);
      return;
    }
    ctx.local.warns[i] = "";
    ctx.dispatch({ type: "kcAnswer", page: ctx.p, q: i, value: picks[i] }, "feedback-" + i);
    var head = document.querySelector('.cbt-screen [data-key="feedback-' + i + '"] .cbt-feedback-head');
    if (head) CBT.announce.say(head.textContent);
  }

  function question(ctx, q, i) {
    var sc = ctx.screen;
    var answer = ctx.s.answer[ctx.p][i];
    var done = answer !== null;
    var name = "p" + ctx.p + "k" + i;
    var letters = screens.letters(ctx, q);
    var warn = ctx.local.warns[i];
    var kids = [
      h("h2", { class: "cbt-kc-title", tabindex: "-1", "data-key": "kcq-" + i,
        text: "Question " + (i + 1) + " of " + sc.questions.length }),
      screens.choices({
        name: name, legendHtml: q.promptHtml, q: q, options: q.options, multiple: q.type === "multiple",
        value: done ? answer : ctx.local.picks[i], disabled: done, letters: letters,
        onchange: function (value) {
          ctx.local.picks[i] = value;
          var el = document.getElementById("cbt-warn-" + name);
          if (el && ctx.local.warns[i]) { ctx.local.warns[i] = ""; el.hidden = true; }
        }
      })
    ];
    if (!done) {
      kids.push(h("p", { class: "cbt-error", id: "cbt-warn-" + name, hidden: !warn, text: warn || "" }));
      kids.push(h("button", { type: "button", class: "cbt-button cbt-primary", "data-key": "check-" + i,
        "aria-describedby": warn ? "cbt-warn-" + name : null, text: "Check Answer",
        onclick: function () { check(ctx, i); } }));
    } else {
      var box = screens.questionFeedback(q, answer, !sc.retry || CBT.quiz.isCorrect(q, answer), letters);
      box.setAttribute("data-key", "feedback-" + i);
      kids.push(box);
      if (sc.retry && !CBT.quiz.isCorrect(q, answer)) {
        kids.push(h("button", { type: "button", class: "cbt-button", "data-key": "retry-" + i, text: "Try Again",
          onclick: function () {
            ctx.local.picks[i] = null;
            ctx.dispatch({ type: "kcRetry", page: ctx.p, q: i }, "kcq-" + i);
          } }));
      }
    }
    return h("section", { class: "cbt-kc-question" }, kids);
  }

  screens.knowledge_check = function (ctx) {
    ctx.local.picks = ctx.local.picks || [];
    ctx.local.warns = ctx.local.warns || [];
    var sc = ctx.screen;
    return [screens.prose(sc.html)].concat(sc.questions.map(function (q, i) { return question(ctx, q, i); }));
  };
})(globalThis.CBT || (globalThis.CBT = {}));
