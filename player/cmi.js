/* cmi.js - the SCORM 1.2 vocabulary in one place (pure, no DOM).
 * Element names, vocabularies, limits and formats come from the SCORM 1.2 RTE, section 3.4
 * (data model) and 3.3 (error codes). Loaded by the browser bundle and by node's tests. */
(function (CBT) {
  "use strict";

  // RTE 1.2 3.3.2: error codes travel as strings; named here so code never compares magic numbers.
  var ERR = {
    NONE: "0", GENERAL: "101", INVALID_ARGUMENT: "201", NO_CHILDREN: "202", NOT_AN_ARRAY: "203",
    NOT_INITIALIZED: "301", NOT_IMPLEMENTED: "401", KEYWORD: "402", READ_ONLY: "403",
    WRITE_ONLY: "404", BAD_TYPE: "405"
  };

  // RTE 1.2 3.4.4: lengths of CMIString255 / CMIString4096 / CMIFeedback, counted in characters
  // (browser LMS runtimes count UTF-16 code units, so we do too).
  var LIMIT = { LOCATION: 255, SUSPEND: 4096, FEEDBACK: 255, IDENTIFIER: 255 };

  var STATUS = {
    PASSED: "passed", COMPLETED: "completed", FAILED: "failed", INCOMPLETE: "incomplete",
    BROWSED: "browsed", NOT_ATTEMPTED: "not attempted"
  };
  // Only these may be set by the SCO; "not attempted" is read-only (RTE 1.2 3.4.4 lesson_status).
  var SETTABLE_STATUS = ["passed", "completed", "failed", "incomplete", "browsed"];
  // cmi.core.exit vocabulary: no "normal" in 1.2 (that is 2004).
  var EXIT = { SUSPEND: "suspend", LOGOUT: "logout", TIMEOUT: "time-out", NORMAL: "" };
  // cmi.interactions.n.result: "wrong", never 2004's "incorrect".
  var RESULT = { CORRECT: "correct", WRONG: "wrong", NEUTRAL: "neutral", UNANTICIPATED: "unanticipated" };
  var TYPE = {
    TRUE_FALSE: "true-false", CHOICE: "choice", FILL_IN: "fill-in", LIKERT: "likert"
  };

  // Formats, as regular expressions the tests and the adapter share.
  var FORMAT = {
    // CMITimespan: 2-4 digit hours, 2-digit minutes and seconds, optional 1-2 decimals.
    timespan: /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/,
    // CMITime: a time of day.
    time: /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,2})?$/,
    // CMIIdentifier: no white space.
    identifier: /^[^\s]{1,255}$/,
    // CMIDecimal as 1.2 LMSs check it.
    decimal: /^-?\d{1,3}(\.\d+)?$/
  };

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  /** Milliseconds -> CMITimespan "HH:MM:SS.SS" (RTE 1.2 3.4.4; hours capped at 9999). */
  function timespan(ms) {
    var cs = Math.max(0, Math.round((Number(ms) || 0) / 10));
    var max = 9999 * 360000 + 59 * 6000 + 5999;
    if (cs > max) cs = max;
    var h = Math.floor(cs / 360000);
    var m = Math.floor((cs % 360000) / 6000);
    var s = Math.floor((cs % 6000) / 100);
    return pad(h, 2) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs % 100, 2);
  }

  /** Date -> CMITime "HH:MM:SS" in local time (a time of day, not a timestamp). */
  function timeOfDay(date) {
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
  }

  /** Option index -> the single-character response SCORM 1.2 choice/likert use: 0 -> "a". */
  function letter(index) {
    return String.fromCharCode(97 + index);
  }

  /** At most ``max`` UTF-16 code units, never splitting a surrogate pair. */
  function truncate(text, max) {
    text = String(text);
    if (text.length <= max) return text;
    var cut = text.slice(0, max);
    var last = cut.charCodeAt(cut.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
    return cut;
  }

  function interaction(n, field) {
    return "cmi.interactions." + n + "." + field;
  }

  CBT.cmi = {
    ERR: ERR, LIMIT: LIMIT, STATUS: STATUS, SETTABLE_STATUS: SETTABLE_STATUS, EXIT: EXIT,
    RESULT: RESULT, TYPE: TYPE, FORMAT: FORMAT,
    timespan: timespan, timeOfDay: timeOfDay, letter: letter, truncate: truncate,
    interaction: interaction
  };
})(globalThis.CBT || (globalThis.CBT = {}));
