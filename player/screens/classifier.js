/* screens/classifier.js - sort a scenario into one category, submit, see right or wrong. */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;

  screens.classifier = function (ctx) {
    var sc = ctx.screen;
    var answer = ctx.s.answer[ctx.p];
    var done = answer !== null;
    var kids = [
      screens.prose(sc.html, "cbt-scenario"),
      screens.choices({
        name: "p" + ctx.p, legend: sc.prompt,
        options: sc.categories.map(function (c) { return { text: c.label }; }),
        value: done ? answer : ctx.local.pick, disabled: done, onchange: screens.pickHandler(ctx)
      })
    ];
    if (!done) return kids.concat(screens.submit(ctx, "Submit Answer", function () { screens.submitPick(ctx); }));
    var right = answer === sc.correct;
    kids.push(screens.feedback(right ? "correct" : "wrong", right ? "Correct." : "Not quite.", [
      h("p", { text: "You chose: " + sc.categories[answer].label + "." }),
      screens.prose(sc.categories[answer].feedbackHtml),
      right ? null : h("p", { text: "The answer is: " + sc.categories[sc.correct].label + "." })
    ]));
    return kids;
  };
})(globalThis.CBT || (globalThis.CBT = {}));
