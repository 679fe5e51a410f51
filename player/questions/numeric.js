/* questions/numeric.js - a number the learner types, right within [min, max] (a correct value
 * with its tolerance, or a range). SCORM 1.2 numeric: student_response a CMIDecimal, the
 * pattern the right value (a range's middle). Kept in suspend_data as at most 15 characters
 * of "0123456789.-", 4 bits each, after a 4-bit length (src/cbtforge/suspend.py). */
(function (CBT) {
  "use strict";
  var CHARS = "0123456789.-";
  var MAX = 15;

  /** The learner's text as a canonical decimal ("-0.5", "45"), or null when it is none.
   * Spaces and thousands commas are ignored. */
  function valid(q, text) {
    if (typeof text !== "string") return null;
    var m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.replace(/[\s,]/g, ""));
    if (!m || (m[2] + (m[3] || "")) === "") return null;
    var whole = m[2].replace(/^0+(?=\d)/, "") || "0";
    var frac = (m[3] || "").replace(/0+$/, "");
    var out = (m[1] && /[1-9]/.test(whole + frac) ? "-" : "") + whole + (frac ? "." + frac : "");
    return out.length <= MAX ? out : null;
  }

  function isCorrect(q, v) {
    var x = Number(v);
    // Decimal fractions are not exact in binary: 0.1 + 0.2 must equal 0.3.
    var eps = 1e-9 * Math.max(1, Math.abs(q.min), Math.abs(q.max));
    return x >= q.min - eps && x <= q.max + eps;
  }

  function walk(q, v, io) {
    var s = v || "";
    var n = io.num(4, s.length, MAX);
    var out = "";
    for (var i = 0; i < n; i++) {
      var c = io.num(4, CHARS.indexOf(s.charAt(i)) + 1, CHARS.length);
      if (!c) throw new Error("numeric");
      out += CHARS.charAt(c - 1);
    }
    if (n && CBT.qtypes.numeric.valid(q, out) !== out) throw new Error("numeric");
    return n ? out : null;
  }

  function withUnit(q, text) {
    return q.unit ? text + " " + q.unit : text;
  }

  CBT.qtypes.numeric = {
    TYPE: "numeric", valid: valid, isCorrect: isCorrect, walk: walk,
    response: function (q, v) { return v; },
    text: withUnit,
    right: function (q) { return withUnit(q, q.answerText); },
    render: function (o) {
      return CBT.qinput.textInput(o, { inputmode: "decimal", maxlength: MAX, size: 12 }, o.q.unit,
        function (t) { return valid(o.q, t); }, "Enter a number, such as 45 or -2.5.");
    }
  };
})(globalThis.CBT || (globalThis.CBT = {}));
