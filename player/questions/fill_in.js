/* questions/fill_in.js - a word or phrase the learner types, right when it is one of the
 * accepted answers (case-insensitive unless the author says so; spaces never matter).
 * SCORM 1.2 fill-in: student_response the text (<= 255), the pattern the first accepted
 * answer. Kept raw in suspend_data's TEXTS with a length prefix, like reflections. */
(function (CBT) {
  "use strict";

  /** The learner's text with spaces collapsed and characters an LMS may drop removed, or
   * null when empty. */
  function valid(q, text) {
    if (typeof text !== "string") return null;
    text = CBT.state.cleanText(text.replace(/[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, " "), 4 * q.maxLength);
    text = text.replace(/\s+/g, " ").trim();
    return text && text.length <= q.maxLength ? text : null;
  }

  function norm(q, text) {
    return q.caseSensitive ? text : text.toLowerCase();
  }

  CBT.qtypes.fill_in = {
    TYPE: "fill-in", valid: valid,
    isCorrect: function (q, v) { return q.answers.indexOf(norm(q, v)) >= 0; },
    walk: function (q, v, io) {
      var t = io.text(q.maxLength, v || "");
      return t ? t : null;
    },
    response: function (q, v) { return CBT.cmi.truncate(v, CBT.cmi.LIMIT.FEEDBACK); },
    text: function (q, v) { return v; },
    right: function (q) { return q.pattern; },
    render: function (o) {
      return CBT.qinput.textInput(o, { maxlength: o.q.maxLength }, null,
        function (t) { return valid(o.q, t); }, "Type at most " + o.q.maxLength + " characters.");
    }
  };
})(globalThis.CBT || (globalThis.CBT = {}));
