/* screens/question.js - a knowledge check inside a chapter, with immediate feedback. */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;

  /** Feedback for a checked question: headline, the question's feedback, the chosen options'
   * own feedback, and the right answer when the learner missed it. */
  screens.questionFeedback = function (q, answer, showAnswer, letters) {
    var right = CBT.quiz.isCorrect(q, answer);
    var chosen = q.type === "multiple" ? answer : [answer];
    return screens.feedback(right ? "correct" : "wrong", right ? "Correct." : "Incorrect.", [
      h("p", { text: "Your answer: " + screens.optionText(q, chosen, letters) + "." }),
      right || !showAnswer ? null : h("p", { text: "Correct answer: " + screens.optionText(q, q.correct, letters) + "." }),
      screens.prose(right ? q.feedbackCorrectHtml : q.feedbackIncorrectHtml),
      chosen.map(function (i) { return screens.prose(q.options[i].feedbackHtml); })
    ]);
  };

  /** Options as plain text (their HTML stripped), joined: for feedback sentences. */
  screens.optionText = function (q, indexes, letters) {
    return indexes.map(function (i) {
      var tmp = document.createElement("div");
      tmp.innerHTML = q.options[i].html;
      return (letters ? letters[i] + " " : "") + tmp.textContent;
    }).join(", ");
  };

  screens.question = function (ctx) {
    var sc = ctx.screen;
    var q = sc.question;
    var answer = ctx.s.answer[ctx.p];
    var done = answer !== null;
    var letters = screens.letters(ctx, q);
    var kids = [
      screens.prose(sc.html),
      screens.choices({
        name: "p" + ctx.p, legendHtml: q.promptHtml, q: q, options: q.options, multiple: q.type === "multiple",
        value: done ? answer : ctx.local.pick, disabled: done, onchange: screens.pickHandler(ctx), letters: letters
      })
    ];
    if (!done) return kids.concat(screens.submit(ctx, "Submit Answer", function () { screens.submitPick(ctx); }));
    kids.push(screens.questionFeedback(q, answer, true, letters));
    return kids;
  };
})(globalThis.CBT || (globalThis.CBT = {}));
