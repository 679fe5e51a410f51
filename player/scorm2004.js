/* scorm2004.js - the SCORM 2004 4th Edition standard layer: the LMS adapter for API_1484_11.
 *
 * The player core (state, tracking, main) speaks one tracking vocabulary, SCORM 1.2's
 * (tracking.js). This file is its last step for SCORM 2004: a bridge with the 1.2 API's eight
 * functions that translates every call into 2004 elements, vocabularies and formats (RTE 4th
 * Edition, chapter 4), placed under scorm.js's Adapter, which keeps the ordered write queue,
 * the retries and the local backup. Loaded right after scorm.js in a 2004 package's bundle
 * (build.player_sources); like scorm.js it is the only code that touches the LMS API.
 *
 *   cmi.core.lesson_status   -> cmi.completion_status + cmi.success_status (4.2.3, 4.2.21)
 *   cmi.core.score.raw       -> cmi.score.raw + cmi.score.scaled (4.2.19)
 *   cmi.core.lesson_location -> cmi.location (4.2.13)     cmi.core.entry -> cmi.entry
 *   cmi.core.session_time    -> cmi.session_time, ISO 8601 duration (4.2.20)
 *   cmi.core.exit ""         -> cmi.exit "normal" (4.2.7)
 *   mastery_score            <- cmi.scaled_passing_score x 100 (4.2.18)
 *   interactions (4.2.8): time -> timestamp (ISO 8601), student_response -> learner_response,
 *     latency -> ISO 8601 duration, "wrong" -> "incorrect", responses in 2004's formats
 *     (numeric ranges and case-sensitive fill-ins from questions/input.js's patterns2004). */
(function (CBT) {
  "use strict";
  var ERR = CBT.cmi.ERR;
  var S12 = CBT.scorm;
  var Base = S12.Adapter;

  /** RTE 3.3.6.2: this window and its parents, then the opener and its parents (scorm.js's
   * search). Never the SCORM 1.2 API: an LMS that offers both expects a 2004 package to use
   * API_1484_11. */
  function find(win) {
    return S12.find(win, "API_1484_11");
  }

  // ---- pure translations (node's tests load them) ----

  /** CMITimespan "HHHH:MM:SS.SS" -> ISO 8601 duration "PT1H2M3.45S" (RTE 4.1.1.5
   * timeinterval(second,10,2): at most two decimals of seconds, as the timespan has). */
  function duration(span) {
    var m = /^(\d+):(\d\d):(\d\d(\.\d\d?)?)$/.exec(span) || [0, 0, 0, 0];
    var h = +m[1], min = +m[2], s = +m[3];
    return "PT" + (h ? h + "H" : "") + (min ? min + "M" : "") + (s || !(h || min) ? s + "S" : "");
  }

  /** The CMI time of day the core writes ("HH:MM:SS", local) -> an ISO 8601 timestamp of the
   * day it happened, in UTC (RTE 4.1.1.6 time(second,10,0): YYYY-MM-DDThh:mm:ss.s[TZD]; the
   * zone only after a fraction). A time later than ``now`` was yesterday's (a retry after
   * midnight). */
  function timestamp(timeOfDay, now) {
    var m = /^(\d\d):(\d\d):(\d\d)/.exec(String(timeOfDay));
    var d = new Date(now.getTime());
    if (m) {
      d.setHours(+m[1], +m[2], +m[3], 0);
      if (d - now > 1000) d.setDate(d.getDate() - 1);
    }
    return d.toISOString().slice(0, 22) + "Z";
  }

  // 1.2 lesson_status -> [completion_status, success_status] (RTE 4.2.3, 4.2.21): a quiz taken
  // and failed still completed the content; success says how it went.
  var SPLIT = { passed: ["completed", "passed"], failed: ["completed", "failed"],
    completed: ["completed"], incomplete: ["incomplete"] };

  /** completion_status + success_status -> the 1.2 lesson_status the core resumes from. */
  function joinStatus(completion, success) {
    return SPLIT[success] ? success : SPLIT[completion] ? completion : "not attempted";
  }

  /** A 1.2 student_response / correct pattern -> 2004's format for ``type`` (RTE 4.2.8.5).
   * A learner's typed text (fill-in) is one localized string: at most 250 characters, and
   * neither "[,]" (it separates strings) nor a leading "{" (it starts a delimiter). */
  function response(type, value) {
    if (type === "true-false") return { t: "true", f: "false" }[value] || value;
    if (type === "choice" || type === "sequencing") return value.split(",").join("[,]");
    // "1.a,2.b" -> "1[.]a[,]2[.]b"
    if (type === "matching") return value.split(",").join("[,]").split(".").join("[.]");
    if (type === "fill-in") {
      return CBT.cmi.truncate(value.replace(/\[,\]/g, "[ ,]").replace(/^\{/, " {"), 250);
    }
    return value; // likert: one short_identifier_type, numeric: a real, as in 1.2
  }

  // The elements the core names otherwise; the rest of cmi.core.* is cmi.* (entry, exit,
  // session_time, score.min, score.max), and cmi.suspend_data, cmi.interactions.* stay.
  var SCALAR = {
    "cmi.core.lesson_location": "cmi.location",
    "cmi.core.student_id": "cmi.learner_id",
    "cmi.core.lesson_mode": "cmi.mode"
  };
  var FIELD = { time: "timestamp", student_response: "learner_response" };

  function rename(el) {
    return SCALAR[el] || el.replace("cmi.core.", "cmi.");
  }

  /** The 2004 writes for one 1.2 write (strings): [[element, value], ...]. ``memo.types``
   * remembers each interaction's type, which its responses' format depends on. */
  function translate(el, value, memo, now) {
    var m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(el);
    if (m) {
      var field = m[2];
      if (field === "id") memo.ids[m[1]] = value;
      else if (field === "type") memo.types[m[1]] = value;
      else if (field === "correct_responses.0.pattern" && memo.patterns[memo.ids[m[1]]]) value = memo.patterns[memo.ids[m[1]]];
      else if (field === "time") value = timestamp(value, now);
      else if (field === "latency") value = duration(value);
      // student_response and correct_responses.0.pattern, in the type's 2004 format
      else if (/response/.test(field)) value = response(memo.types[m[1]], value);
      else if (field === "result" && value === "wrong") value = "incorrect";
      return [["cmi.interactions." + m[1] + "." + (FIELD[field] || field), value]];
    }
    if (el === "cmi.core.lesson_status") {
      var split = SPLIT[value] || [];
      return [["cmi.completion_status", split[0]], ["cmi.success_status", split[1]]].filter(
        function (w) { return w[1]; });
    }
    if (el === "cmi.core.score.raw") {
      // RTE 4.2.19: scaled is what the LMS compares with scaled_passing_score. The core's
      // scores run from min 0 to max 100 (tracking.js, as RTE 1.2 3.4.4 has them).
      return [["cmi.score.raw", value], ["cmi.score.scaled", String(+value / 100)]];
    }
    if (el === "cmi.core.session_time") value = duration(value);
    // RTE 4.2.7: "normal" where 1.2 writes "" (the core writes "" or "suspend").
    if (el === "cmi.core.exit") value = value || "normal";
    return [[rename(el), value]];
  }

  /** The eight SCORM 1.2 functions over API_1484_11. */
  function Bridge(api) {
    this.api = api;
    this.error = "0";
    // Patterns 1.2 cannot say (a numeric range, a case-sensitive fill-in), by interaction
    // id: from player/questions/input.js, bundled only with the types that need them.
    this.memo = { types: {}, ids: {}, patterns: CBT.qinput ? CBT.qinput.patterns2004(globalThis.document, response) : {} };
  }

  Bridge.prototype.run = function (fn, a, b) {
    var result = b === undefined ? this.api[fn](a) : this.api[fn](a, b);
    this.error = String(this.api.GetLastError() || "0");
    return result == null ? "" : String(result);
  };

  [["LMSInitialize", "Initialize"], ["LMSFinish", "Terminate"], ["LMSCommit", "Commit"]].forEach(
    function (names) {
      Bridge.prototype[names[0]] = function (arg) { return this.run(names[1], arg); };
    });
  /** RTE 4th Ed. 3.1.7 codes as the SCORM 1.2 codes scorm.js reasons with (RTE 1.2 3.3.2):
   * what it needs to know is whether the LMS refused the value itself (201, 4xx: 2004's
   * undefined, read-only, write-only, type, range and dependency errors), which it stops
   * retrying, or failed otherwise (101). */
  Bridge.prototype.LMSGetLastError = function () {
    return /^(201|40\d)$/.test(this.error) ? ERR.BAD_TYPE : this.error === "0" ? ERR.NONE : ERR.GENERAL;
  };

  Bridge.prototype.LMSGetValue = function (el) {
    if (el === "cmi.core.lesson_status") {
      // Both have a value in every state ("unknown" at first; an error answers ""), so the
      // core gets "not attempted" at worst, as from a 1.2 LMS.
      return joinStatus(this.run("GetValue", "cmi.completion_status"),
        this.run("GetValue", "cmi.success_status"));
    }
    if (el === "cmi.student_data.mastery_score") {
      // RTE 4.2.18: -1..1, the LMS's (or the manifest's) passing score; the core judges
      // with a 0..100 mastery score, like the score it reports.
      var scaled = parseFloat(this.run("GetValue", "cmi.scaled_passing_score"));
      return this.error !== "0" || isNaN(scaled) ? "" : String(Math.round(scaled * 1e7) / 1e5);
    }
    return this.run("GetValue", rename(el));
  };

  Bridge.prototype.LMSSetValue = function (el, value) {
    var self = this;
    self.error = "0";
    return translate(el, value, self.memo, new Date()).every(function (w) {
      return self.run("SetValue", w[0], w[1]) === "true" && self.error === "0";
    }) ? "true" : "false";
  };

  /** scorm.js's Adapter over the bridge (or standalone when no API_1484_11 is found). */
  function Adapter(win, course, onHealth) {
    var api = find(win);
    Base.call(this, win, course, onHealth, api && new Bridge(api));
  }
  Adapter.prototype = Object.create(Base.prototype);

  /** The end of the session. When the learner chose the course's Exit, the LMS is also asked
   * to leave the course (RTE 4.4.1 adl.nav.request, processed after Terminate): suspendAll
   * while unfinished (the attempt resumes next time), exitAll once done. Only then: when the
   * window is simply closed or navigated away, the LMS is already leaving, and a request
   * would compete with what the learner did in the LMS. */
  Adapter.prototype.finish = function (exit, byLearner) {
    if (byLearner && this.initialized && !this.finished) {
      this.set([["adl.nav.request", exit ? "suspendAll" : "exitAll"]]); // exit: "suspend" or ""
    }
    Base.prototype.finish.call(this, exit);
  };

  CBT.scorm2004 = { translate: translate, response: response, duration: duration, timestamp: timestamp,
    SPLIT: SPLIT, joinStatus: joinStatus };
  CBT.scorm = { find: find, Adapter: Adapter };
})(globalThis.CBT || (globalThis.CBT = {}));
