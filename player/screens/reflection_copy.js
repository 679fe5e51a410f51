/* screens/reflection_copy.js - reflections with keep_answers: false (bundled only for a course
 * that has them, so other courses' players do not grow). Their answers reach the LMS as
 * fill-in interactions but are not kept across sessions (suspend.js skips them): the screen
 * says so before the learner writes, and offers a copy to save or print. */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;
  var plain = screens.reflection;

  /** The learner's answers as plain text, for their own copy: from the boxes, since typing
   * does not re-render the screen (ctx.s is the state it was drawn from). */
  function copyText(ctx) {
    var sc = ctx.screen;
    return [sc.title, ""].concat(sc.fields.map(function (f, i) {
      var box = document.getElementById("cbt-field-" + ctx.p + "-" + i);
      return f.label + "\n" + (box ? box.value : "") + "\n";
    })).join("\n");
  }

  /** Saved by the browser as a .txt file: a Blob URL and the download attribute, no request. */
  function saveCopy(ctx) {
    var name = ctx.screen.id + "-answers.txt";
    var url = URL.createObjectURL(new Blob([copyText(ctx)], { type: "text/plain;charset=utf-8" }));
    var a = h("a", { href: url, download: name, hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    CBT.announce.say("A copy of your answers was saved as " + name + ".");
  }

  screens.reflection = function (ctx) {
    var kids = plain(ctx);
    if (ctx.screen.keepAnswers !== false) return kids;
    kids.splice(1, 0, h("div", { class: "cbt-feedback is-neutral cbt-not-kept" }, [
      h("p", { text: "Your answers on this screen are sent to your learning system but not kept " +
        "here: when you leave the course, they are gone. To keep them, save or print a copy." }),
      h("p", null, [
        h("button", { type: "button", class: "cbt-button", "data-key": "save-copy", text: "Save a copy",
          onclick: function () { saveCopy(ctx); } }),
        " ",
        h("button", { type: "button", class: "cbt-button", "data-key": "print-copy", text: "Print",
          onclick: function () { window.print(); } })
      ])
    ]));
    return kids;
  };
})(globalThis.CBT || (globalThis.CBT = {}));
