/* screens/completion.js - a chapter's closing screen and its "Complete Chapter" button. */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;

  screens.completion = function (ctx) {
    var chapter = ctx.idx.chapters[ctx.page.ch];
    var c = chapter.data.completion;
    var kids = [screens.prose(c.html)];
    if (!ctx.s.done[chapter.index]) {
      kids.push(h("button", {
        type: "button", class: "cbt-button cbt-primary", "data-key": "complete", text: "Complete Chapter",
        onclick: function () {
          ctx.dispatch({ type: "complete", chapter: chapter.index }, "feedback");
          screens.afterSubmit();
        }
      }));
      return kids;
    }
    kids.push(screens.feedback("correct", "Chapter complete.", [screens.prose(c.afterHtml)]));
    return kids;
  };
})(globalThis.CBT || (globalThis.CBT = {}));
