/* screens/rating.js - a rating scale (one statement) or grid (several statements on one
 * scale). Each statement is a fieldset whose legend is the statement, with native radio
 * buttons (arrow keys move within a statement) and visible point labels; a numeric scale's
 * end labels describe every statement's group. Like a poll: picked, then submitted, then
 * final; each rating is one likert interaction (ratings.js). */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;

  function statement(ctx, st, i, endsId) {
    var sc = ctx.screen;
    var answer = ctx.s.answer[ctx.p][i];
    var done = answer !== null;
    var value = done ? answer : ctx.local.picks[i];
    var name = "cbt-p" + ctx.p + "s" + i;
    var points = sc.points.map(function (label, k) {
      var id = name + "-" + k;
      return h("div", { class: "cbt-point" + (value === k ? " is-picked" : "") }, [
        h("input", { type: "radio", name: name, id: id, value: String(k), checked: value === k, disabled: done,
          "data-key": "rate-" + i + "-" + k,
          onchange: function () {
            ctx.local.picks[i] = k;
            var warn = document.getElementById("cbt-warn-" + ctx.p);
            if (warn && ctx.local.warn) { ctx.local.warn = ""; warn.hidden = true; }
          } }),
        h("label", { for: id, text: label })
      ]);
    });
    var kids = [h("legend", { class: "cbt-legend", text: st.text }), h("div", { class: "cbt-scale" }, points)];
    if (done) kids.push(h("p", { class: "cbt-rated", text: "Your rating: " + sc.points[answer] + "." }));
    return h("fieldset", { class: "cbt-choices cbt-rating" + (sc.numeric ? " is-numeric" : ""), disabled: done,
      "aria-describedby": endsId }, kids);
  }

  function submit(ctx) {
    var sc = ctx.screen;
    var answers = ctx.s.answer[ctx.p];
    var values = sc.statements.map(function (_, i) {
      var v = ctx.local.picks[i];
      return answers[i] === null && v !== undefined ? v : null;
    });
    if (values.every(function (v) { return v === null; })) {
      ctx.local.warn = sc.statements.length > 1 ? "Rate at least one statement first." : "Choose a rating first.";
      ctx.dispatch({ type: "refresh" }, "submit");
      CBT.announce.say(ctx.local.warn);
      return;
    }
    ctx.local.warn = "";
    var left = answers.filter(function (v, i) { return v === null && values[i] === null; }).length;
    // All rated: focus moves to the thank-you box. Some left: focus stays on Submit, and the
    // live region says what was recorded and what is left.
    ctx.dispatch({ type: "rate", page: ctx.p, values: values }, left ? "submit" : "feedback");
    if (left) CBT.announce.say("Your ratings were recorded. " + left + (left > 1 ? " statements" : " statement") + " left to rate.");
    else screens.afterSubmit();
  }

  screens.rating = function (ctx) {
    ctx.local.picks = ctx.local.picks || [];
    var sc = ctx.screen;
    var answers = ctx.s.answer[ctx.p];
    var open = answers.filter(function (v) { return v === null; }).length;
    var endsId = null;
    var kids = [screens.prose(sc.html)];
    if (sc.low || sc.high) {
      // The end labels, visible above the statements and read with each group.
      endsId = "cbt-ends-" + ctx.p;
      var last = sc.points.length - 1;
      kids.push(h("p", { class: "cbt-ends", id: endsId }, [
        sc.low ? h("span", { text: sc.points[0] + " = " + sc.low + (sc.high ? "; " : "") }) : null,
        sc.high ? h("span", { text: sc.points[last] + " = " + sc.high }) : null
      ]));
    }
    kids = kids.concat(sc.statements.map(function (st, i) { return statement(ctx, st, i, endsId); }));
    var many = sc.statements.length > 1;
    if (open) return kids.concat(screens.submit(ctx, many ? "Submit Ratings" : "Submit Rating", function () { submit(ctx); }));
    kids.push(screens.feedback("neutral", many ? "Thank you, your ratings were recorded." : "Thank you, your rating was recorded.", null));
    return kids;
  };
})(globalThis.CBT || (globalThis.CBT = {}));
