/* screens/common.js - what every screen module shares: its h1 text, author prose, choice
 * groups (fieldset + legend, native radios/checkboxes) and feedback boxes. */
(function (CBT) {
  "use strict";
  var screens = CBT.screens = CBT.screens || {};
  var h = CBT.view.h;

  /** The screen's one h1 (author headings start at h2; src/cbtforge/markdown.py). */
  screens.title = function (ctx) {
    var page = ctx.page;
    if (page.kind === "screen") return page.screen.title;
    if (page.kind === "completion") return ctx.idx.chapters[page.ch].data.completion.title;
    if (page.kind === "certificate") return ctx.idx.certificate.title;
    var view = CBT.state.quizView(ctx.s);
    if (view === "question") {
      return "Question " + (ctx.s.quiz.pos + 1) + " of " + CBT.quiz.size(ctx.idx.quiz);
    }
    return ctx.idx.quiz.title + (view === "results" ? ": Results" : "");
  };

  screens.prose = function (html, cls) {
    if (!html) return null;
    var el = h("div", { class: "cbt-prose" + (cls ? " " + cls : ""), html: html });
    // A wide table scrolls inside its own focusable box named by its column headings, never
    // the page (WCAG 1.4.10).
    el.querySelectorAll("table").forEach(function (t) {
      var heads = [].map.call(t.querySelectorAll("th"), function (c) { return c.textContent; });
      var box = h("div", { class: "cbt-table", tabindex: "0", role: "region", "aria-label": "Table: " + heads.join(", ") });
      t.parentNode.replaceChild(box, t);
      box.appendChild(t);
    });
    return el;
  };

  /** A group of native radio buttons or checkboxes in a fieldset whose legend is the
   * question (WCAG 1.3.1). ``o``: name, legend (text) or legendHtml, options [{html}|{text}],
   * order (display position -> option index), multiple, value, disabled, onchange(value),
   * q (the question, when it has one: player/questions/input.js draws the types of
   * player/questions/ instead). */
  screens.choices = function (o) {
    var order = o.order || o.options.map(function (_, i) { return i; });
    var value = o.value;
    // A legend holds phrasing content only: a one-paragraph prompt goes inside it; a longer
    // one (a scenario, a list) is shown above the group and describes it.
    var html = o.legendHtml;
    var single = html && /^<p>((?:(?!<\/?p>)[\s\S])*)<\/p>$/.exec(html);
    var prompt = null;
    var legend;
    if (html && !single) {
      prompt = h("div", { class: "cbt-prose cbt-prompt", id: "cbt-prompt-" + o.name, html: html });
      legend = h("legend", { class: "cbt-legend", text: "Your answer" });
    } else {
      legend = h("legend", single ? { class: "cbt-legend", html: single[1] } : { class: "cbt-legend", text: o.legend });
    }
    var kids = [legend];
    if (o.multiple) kids.push(h("p", { class: "cbt-instruction", text: "Select all that apply." }));
    order.forEach(function (oi, pos) {
      var opt = o.options[oi];
      var id = "cbt-" + o.name + "-" + oi;
      var checked = o.multiple ? !!value && value.indexOf(oi) >= 0 : value === oi;
      var input = h("input", {
        type: o.multiple ? "checkbox" : "radio", name: "cbt-" + o.name, id: id, value: String(oi),
        checked: checked, disabled: o.disabled, "data-key": "opt-" + oi,
        onchange: function () {
          if (!o.multiple) return o.onchange(oi);
          var picked = [];
          order.forEach(function (j) {
            var box = document.getElementById("cbt-" + o.name + "-" + j);
            if (box && box.checked) picked.push(j);
          });
          o.onchange(picked.length ? picked.sort(function (a, b) { return a - b; }) : null);
        }
      });
      var label = h("label", opt.html !== undefined ? { for: id, html: opt.html } : { for: id, text: opt.text });
      // Lettered options: the letter is part of the label, so it is shown and announced.
      if (o.letters) label.insertBefore(h("span", { class: "cbt-letter", text: o.letters[oi] + " " }), label.firstChild);
      kids.push(h("div", { class: "cbt-option" + (checked ? " is-picked" : "") + (pos === 0 ? " is-first" : "") }, [input, label]));
    });
    var group = h("fieldset", { class: "cbt-choices", disabled: o.disabled,
      "aria-describedby": prompt ? prompt.id : null }, kids);
    return prompt ? [prompt, group] : group;
  };

  /** Option index -> "A.", "B." ... by display position, when the course letters its
   * options (true/false questions are never lettered); else null. */
  screens.letters = function (ctx, q, order) {
    if (!ctx.idx.course.letteredOptions || q.type === "true_false") return null;
    var out = [];
    (order || q.options.map(function (_, i) { return i; })).forEach(function (oi, pos) {
      out[oi] = String.fromCharCode(65 + pos) + ".";
    });
    return out;
  };

  var HEADLINE_ICON = { correct: "check", wrong: "cross", neutral: "check" };

  /** A feedback box: icon + words (never colour alone, WCAG 1.4.1); focusable so it can take
   * focus after a submit (the submit button goes away). */
  screens.feedback = function (kind, headline, kids) {
    return h("div", { class: "cbt-feedback is-" + kind, tabindex: "-1", "data-key": "feedback" }, [
      h("p", { class: "cbt-feedback-head" }, [CBT.view.icon(HEADLINE_ICON[kind]), h("strong", { text: headline })]),
      kids
    ]);
  };

  /** After a submit the render moved focus to the feedback, so screen readers read all of
   * it; the live region adds only its headline ("Correct."), not the whole text twice. */
  screens.afterSubmit = function () {
    var head = document.querySelector('.cbt-screen [data-key="feedback"] .cbt-feedback-head');
    if (head) CBT.announce.say(head.textContent);
  };

  /** The "Submit Answer" button with its "choose first" message. */
  screens.submit = function (ctx, label, onsubmit) {
    var warn = ctx.local.warn;
    return [
      h("p", { class: "cbt-error", id: "cbt-warn-" + ctx.p, hidden: !warn, text: warn || "" }),
      h("button", { type: "button", class: "cbt-button cbt-primary", "data-key": "submit",
        "aria-describedby": warn ? "cbt-warn-" + ctx.p : null, text: label, onclick: onsubmit })
    ];
  };

  /** Submit the locally picked answer of a classifier, poll or question screen. */
  screens.submitPick = function (ctx) {
    if (ctx.local.pick === undefined || ctx.local.pick === null) {
      ctx.local.warn = "Choose an answer first.";
      ctx.dispatch({ type: "refresh" }, "submit");
      CBT.announce.say(ctx.local.warn);
      return;
    }
    ctx.local.warn = "";
    ctx.dispatch({ type: "answer", page: ctx.p, value: ctx.local.pick }, "feedback");
    screens.afterSubmit();
  };

  screens.pickHandler = function (ctx) {
    return function (value) {
      ctx.local.pick = value;
      if (ctx.local.warn) {
        ctx.local.warn = "";
        var warn = document.getElementById("cbt-warn-" + ctx.p);
        if (warn) warn.hidden = true;
      }
    };
  };
})(globalThis.CBT || (globalThis.CBT = {}));
