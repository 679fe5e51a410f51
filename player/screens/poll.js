/* screens/poll.js - an opinion question: recorded, never right or wrong. */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;

  screens.poll = function (ctx) {
    var sc = ctx.screen;
    var answer = ctx.s.answer[ctx.p];
    var done = answer !== null;
    var kids = [
      screens.prose(sc.html),
      screens.choices({
        name: "p" + ctx.p, legend: sc.question,
        options: sc.options.map(function (t) { return { text: t }; }),
        value: done ? answer : ctx.local.pick, disabled: done, onchange: screens.pickHandler(ctx)
      })
    ];
    if (!done) return kids.concat(screens.submit(ctx, "Submit Answer", function () { screens.submitPick(ctx); }));
    kids.push(screens.feedback("neutral", "Thank you, your answer was recorded.", [
      h("p", { text: "You chose: " + sc.options[answer] + "." })
    ]));
    return kids;
  };
})(globalThis.CBT || (globalThis.CBT = {}));
