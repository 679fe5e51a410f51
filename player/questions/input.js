/* questions/input.js - what the question types of player/questions/ share: their prompt as a
 * label or legend, an inline error, the default order of a shuffled list, and the hand-over
 * from the question screens' choices and feedback. Bundled only with a course that uses one
 * of those types (build.screen_modules), after screens/ (player/order.txt). */
(function (CBT) {
  "use strict";

  /** [prompt above or null, label element] for a question whose answer is one control or one
   * group: a one-paragraph prompt is the label itself; a longer one (a scenario, a list) is
   * shown above, and the label says "Your answer" and points at it (WCAG 1.3.1). */
  function label(o, tag, attrs) {
    var h = CBT.view.h;
    var html = o.legendHtml;
    var single = /^<p>((?:(?!<\/?p>)[\s\S])*)<\/p>$/.exec(html);
    if (single) {
      attrs.html = single[1];
      return [null, h(tag, attrs)];
    }
    var prompt = h("div", { class: "cbt-prose cbt-prompt", id: "cbt-prompt-" + o.name, html: html });
    attrs.text = "Your answer";
    return [prompt, h(tag, attrs)];
  }

  /** A text box (numeric and fill-in): ``clean(text)`` is the answer or null; ``bad`` the
   * message for text that is not an answer. Reports on change (blur, Enter), not per key. */
  function textInput(o, attrs, unit, clean, bad) {
    var h = CBT.view.h;
    var id = "cbt-" + o.name + "-in";
    var err = h("p", { class: "cbt-error", id: id + "-err", hidden: true });
    var parts = label(o, "label", { for: id, class: "cbt-legend" });
    var input = h("input", Object.assign({ type: "text", id: id, class: "cbt-text-input",
      "data-key": "in", value: o.value === null || o.value === undefined ? "" : o.value,
      disabled: o.disabled, autocomplete: "off", spellcheck: "false",
      "aria-describedby": [parts[0] ? parts[0].id : "", unit ? id + "-unit" : ""].join(" ").trim() || null
    }, attrs));
    var timer = null;
    var last = o.value;
    function report(pause) {
      clearTimeout(timer);
      var text = input.value;
      var v = clean(text);
      if (!pause) {
        // The error waits for the learner to leave the box (or press Enter), not each key.
        var wrong = v === null && text.trim() !== "";
        err.hidden = !wrong;
        err.textContent = wrong ? bad : "";
        if (wrong) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
      }
      if (v !== last) o.onchange(last = v);
    }
    // While typing, the answer is reported after a pause (the quiz's Next waits for one).
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(report, 400, true); });
    input.addEventListener("change", function () { report(); });
    input.addEventListener("keydown", function (e) { if (e.key === "Enter") report(); });
    return [parts[0], h("div", { class: "cbt-typed" }, [parts[1], h("div", { class: "cbt-typed-row" }, [input,
      unit ? h("span", { class: "cbt-unit", id: id + "-unit", text: unit }) : null]), err])];
  }

  /** The order a list is first shown in: shuffled by the question's id (the same on every
   * launch, so nothing is stored), never already the right order. */
  function shuffled(q, n, what) {
    var a = CBT.quiz.shuffle(n, q.id + ":" + what);
    if (a.every(function (v, i) { return v === i; })) a.push(a.shift());
    return a;
  }

  /** True when ``v`` is an array of ``n`` whole numbers 0..max-1. */
  function indexes(v, n, max) {
    return Array.isArray(v) && v.length === n && v.every(function (x) {
      return (x | 0) === x && x >= 0 && x < max;
    });
  }

  /** SCORM 2004 packages (scorm2004.js): correct-response patterns SCORM 1.2 cannot say, by
   * interaction id (RTE 4.2.8.5): a numeric question's range "min[:]max" (1.2 has one value),
   * a case-sensitive fill-in's "{case_matters=true}". From the course data of the page;
   * ``response`` is scorm2004.js's 1.2 -> 2004 response format. */
  function patterns2004(doc, response) {
    var out = {};
    var el = doc && doc.getElementById("cbt-course");
    if (!el) return out;
    var c = JSON.parse(el.textContent);
    function add(id, q) {
      if (!q || !id) return;
      if (q.type === "numeric") out[id] = q.bounds.join("[:]");
      if (q.type === "fill_in" && q.caseSensitive) out[id] = "{case_matters=true}" + response("fill-in", q.pattern);
    }
    c.chapters.concat(c.evaluation || []).forEach(function (ch) {
      ch.screens.forEach(function (sc) {
        add(sc.interactionId, sc.question);
        (sc.questions || []).forEach(function (q) { add(q.interactionId, q); });
      });
    });
    if (c.quiz) c.quiz.questions.forEach(function (q) { add(q.interactionId, q); });
    return out;
  }

  CBT.qinput = { label: label, textInput: textInput, shuffled: shuffled, indexes: indexes, patterns2004: patterns2004 };

  // The question screens, the knowledge check and the quiz draw a question's input with
  // screens.choices and its feedback with screens.questionFeedback: for these types, the
  // type draws them (loaded after screens/, so the core carries no code for them).
  var screens = CBT.screens;
  if (!screens || !screens.choices) return; // node's tests: no page
  var choices = screens.choices;
  var feedback = screens.questionFeedback;
  screens.choices = function (o) {
    var T = o.q && CBT.qtypes[o.q.type];
    return T ? T.render(o) : choices(o);
  };
  if (feedback) {
    screens.questionFeedback = function (q, answer, showAnswer, letters) {
      var T = CBT.qtypes[q.type];
      if (!T) return feedback(q, answer, showAnswer, letters);
      var h = CBT.view.h;
      var right = T.isCorrect(q, answer);
      return screens.feedback(right ? "correct" : "wrong", right ? "Correct." : "Incorrect.", [
        h("p", { text: "Your answer: " + T.text(q, answer) + "." }),
        right || !showAnswer ? null : h("p", { text: "Correct answer: " + T.right(q) + "." }),
        screens.prose(right ? q.feedbackCorrectHtml : q.feedbackIncorrectHtml)
      ]);
    };
  }
})(globalThis.CBT || (globalThis.CBT = {}));
