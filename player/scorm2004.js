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
 *     latency -> ISO 8601 duration, "wrong" -> "incorrect", responses in 2004's formats. */
(function (CBT) {
  "use strict";
  var ERR = CBT.cmi.ERR;
  var Base = CBT.scorm.Adapter;
  var find12 = CBT.scorm.find;

  /** RTE 3.3.6.2: this window and its parents, then the opener and its parents (scorm.js's
   * search). Never the SCORM 1.2 API: an LMS that offers both expects a 2004 package to use
   * API_1484_11. */
  function find(win) {
    return find12(win, "API_1484_11");
  }

  // ---- pure translations (node's tests load them) ----

  /** CMITimespan "HHHH:MM:SS.SS" -> ISO 8601 duration "PT1H2M3.45S" (RTE 4.1.1.5
   * timeinterval(second,10,2): at most two decimals of seconds). */
  function duration(timespan) {
    var m = /^(\d+):(\d{2}):(\d{2})(?:\.(\d{1,2}))?$/.exec(String(timespan));
    if (!m) return "PT0S";
    var h = parseInt(m[1], 10), min = parseInt(m[2], 10), s = parseInt(m[3], 10);
    var cs = m[4] ? parseInt((m[4] + "0").slice(0, 2), 10) : 0;
    var out = "PT" + (h ? h + "H" : "") + (min ? min + "M" : "");
    if (s || cs || out === "PT") {
      out += s + (cs ? "." + (cs < 10 ? "0" + cs : String(cs)).replace(/0$/, "") : "") + "S";
    }
    return out;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /** The CMITime of day the core writes ("HH:MM:SS", local) -> an ISO 8601 timestamp on the
   * day it happened (RTE 4.1.1.6 time(second,10,0): YYYY-MM-DDThh:mm:ss.s[TZD], the zone only
   * after a fraction). A time later than ``now`` was yesterday's (a retry after midnight). */
  function timestamp(timeOfDay, now) {
    var m = /^(\d{2}):(\d{2}):(\d{2})/.exec(String(timeOfDay));
    var d = new Date(now.getTime());
    if (m) {
      d.setHours(parseInt(m[1], 10), parseInt(m[2], 10), parseInt(m[3], 10), 0);
      if (d.getTime() > now.getTime() + 1000) d.setDate(d.getDate() - 1);
    }
    var offset = -d.getTimezoneOffset();
    var zone = (offset < 0 ? "-" : "+") + pad(Math.floor(Math.abs(offset) / 60)) + ":" +
      pad(Math.abs(offset) % 60);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" +
      pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()) + ".0" + zone;
  }

  /** 1.2 lesson_status -> [completion_status, success_status or null] (RTE 4.2.3, 4.2.21):
   * a quiz taken and failed still completed the content; success says how it went. */
  function splitStatus(status) {
    if (status === "passed") return ["completed", "passed"];
    if (status === "failed") return ["completed", "failed"];
    if (status === "completed") return ["completed", null];
    if (status === "incomplete" || status === "browsed") return ["incomplete", null];
    return [null, null];
  }

  /** completion_status + success_status -> the 1.2 lesson_status the core resumes from. */
  function joinStatus(completion, success) {
    if (success === "passed" || success === "failed") return success;
    if (completion === "completed" || completion === "incomplete") return completion;
    return "not attempted";
  }

  /** A learner's typed text as one fill-in localized string (RTE 4.2.8.5: SPM 250 per
   * string, "[,]" separates strings, a leading "{" would start a delimiter). */
  function fillIn(text) {
    text = CBT.cmi.truncate(String(text).split("[,]").join("[ ,]"), 250);
    return text.charAt(0) === "{" ? CBT.cmi.truncate(" " + text, 250) : text;
  }

  /** A 1.2 student_response / correct pattern -> 2004's format for ``type`` (RTE 4.2.8.5). */
  function response(type, value) {
    value = String(value);
    if (type === "true-false") return value === "t" ? "true" : value === "f" ? "false" : value;
    if (type === "choice") return value === "" ? "" : value.split(",").join("[,]");
    if (type === "fill-in") return fillIn(value);
    return value; // likert: one short_identifier_type, as in 1.2
  }

  var SCALAR = {
    "cmi.core.lesson_location": "cmi.location",
    "cmi.core.score.min": "cmi.score.min",
    "cmi.core.score.max": "cmi.score.max",
    "cmi.core.entry": "cmi.entry",
    "cmi.core.student_id": "cmi.learner_id",
    "cmi.core.student_name": "cmi.learner_name",
    "cmi.core.lesson_mode": "cmi.mode",
    "cmi.core.credit": "cmi.credit",
    "cmi.suspend_data": "cmi.suspend_data",
    "cmi.interactions._count": "cmi.interactions._count"
  };

  /** The 2004 writes for one 1.2 write: [[element, value], ...]. ``memo`` remembers what later
   * writes depend on: each interaction's type and the score's range. */
  function translate(el, value, memo, now) {
    value = String(value);
    var m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(el);
    if (m) {
      var base = "cmi.interactions." + m[1] + ".";
      var field = m[2];
      var type = memo.types[m[1]];
      if (field === "type") { memo.types[m[1]] = value; return [[el, value]]; }
      if (field === "time") return [[base + "timestamp", timestamp(value, now)]];
      if (field === "latency") return [[el, duration(value)]];
      if (field === "student_response") return [[base + "learner_response", response(type, value)]];
      if (field === "correct_responses.0.pattern") return [[el, response(type, value)]];
      if (field === "result") return [[el, value === "wrong" ? "incorrect" : value]];
      return [[el, value]]; // id, weighting
    }
    if (el === "cmi.core.lesson_status") {
      var split = splitStatus(value);
      var out = [];
      if (split[0]) out.push(["cmi.completion_status", split[0]]);
      if (split[1]) out.push(["cmi.success_status", split[1]]);
      return out;
    }
    if (el === "cmi.core.score.raw") {
      // RTE 4.2.19: scaled is what the LMS compares with scaled_passing_score; min and max
      // are written first by tracking.js.
      var raw = parseFloat(value), lo = memo.min, hi = memo.max;
      var scaled = hi > lo ? Math.max(-1, Math.min(1, (raw - lo) / (hi - lo))) : 0;
      return [["cmi.score.raw", value], ["cmi.score.scaled", String(Math.round(scaled * 1e7) / 1e7)]];
    }
    if (el === "cmi.core.score.min") memo.min = parseFloat(value);
    if (el === "cmi.core.score.max") memo.max = parseFloat(value);
    if (el === "cmi.core.session_time") return [["cmi.session_time", duration(value)]];
    if (el === "cmi.core.exit") {
      // RTE 4.2.7: "normal" where 1.2 writes ""; 1.2's "time-out" is 2004's "timeout".
      return [["cmi.exit", value === "" ? "normal" : value === "time-out" ? "timeout" : value]];
    }
    return [[SCALAR[el] || el, value]];
  }

  // RTE 4th Ed. 3.1.7 error codes -> the SCORM 1.2 codes scorm.js reasons with (RTE 1.2 3.3.2).
  var ERRORS = {
    "0": ERR.NONE, "201": ERR.INVALID_ARGUMENT, "401": ERR.NOT_IMPLEMENTED,
    "402": ERR.NOT_IMPLEMENTED, "403": ERR.NOT_IMPLEMENTED, "404": ERR.READ_ONLY,
    "405": ERR.WRITE_ONLY, "406": ERR.BAD_TYPE, "407": ERR.BAD_TYPE, "408": ERR.INVALID_ARGUMENT,
    "122": ERR.NOT_INITIALIZED, "132": ERR.NOT_INITIALIZED, "142": ERR.NOT_INITIALIZED
  };

  /** The eight SCORM 1.2 functions over API_1484_11. */
  function Bridge(api) {
    this.api = api;
    this.error = "0";
    this.memo = { types: {}, min: 0, max: 100 };
  }

  Bridge.prototype.run = function (fn, a, b) {
    var result = b === undefined ? this.api[fn](a) : this.api[fn](a, b);
    var code = this.api.GetLastError();
    this.error = code === null || code === undefined || code === "" ? "0" : String(code);
    return result === null || result === undefined ? "" : String(result);
  };

  Bridge.prototype.LMSInitialize = function (arg) { return this.run("Initialize", arg); };
  Bridge.prototype.LMSFinish = function (arg) { return this.run("Terminate", arg); };
  Bridge.prototype.LMSCommit = function (arg) { return this.run("Commit", arg); };
  Bridge.prototype.LMSGetLastError = function () {
    return ERRORS[this.error] || ERR.GENERAL;
  };

  Bridge.prototype.LMSGetValue = function (el) {
    if (el === "cmi.core.lesson_status") {
      var completion = this.run("GetValue", "cmi.completion_status");
      if (this.error !== "0") return "";
      var success = this.run("GetValue", "cmi.success_status");
      return this.error === "0" ? joinStatus(completion, success) : "";
    }
    if (el === "cmi.student_data.mastery_score") {
      // RTE 4.2.18: -1..1, the LMS's (or the manifest's) passing score; the core judges
      // with a 0..100 mastery score, like the score it reports.
      var scaled = this.run("GetValue", "cmi.scaled_passing_score");
      if (this.error !== "0" || scaled === "" || isNaN(parseFloat(scaled))) return "";
      return String(Math.round(parseFloat(scaled) * 1e7) / 1e5);
    }
    return this.run("GetValue", SCALAR[el] || el);
  };

  Bridge.prototype.LMSSetValue = function (el, value) {
    var writes = translate(el, value, this.memo, new Date());
    this.error = "0";
    for (var i = 0; i < writes.length; i++) {
      var r = this.run("SetValue", writes[i][0], writes[i][1]);
      if (r !== "true" || this.error !== "0") return "false";
    }
    return "true";
  };

  /** scorm.js's Adapter over the bridge (or standalone when no API_1484_11 is found). */
  function Adapter(win, course, onHealth) {
    var api = find(win);
    Base.call(this, win, course, onHealth, api ? new Bridge(api) : null);
  }
  Adapter.prototype = Object.create(Base.prototype);
  Adapter.prototype.constructor = Adapter;

  /** The end of the session. When the learner chose the course's Exit, the LMS is also asked
   * to leave the course (RTE 4.4.1 adl.nav.request, processed after Terminate): suspendAll
   * while unfinished (the attempt resumes next time), exitAll once done. Only then: when the
   * window is simply closed or navigated away, the LMS is already leaving, and a request
   * would compete with what the learner did in the LMS. */
  Adapter.prototype.finish = function (exit, byLearner) {
    if (byLearner && this.mode === "lms" && this.initialized && !this.finished) {
      this.set([["adl.nav.request", exit === "suspend" ? "suspendAll" : "exitAll"]]);
    }
    Base.prototype.finish.call(this, exit);
  };

  CBT.scorm2004 = {
    find: find, Bridge: Bridge, translate: translate, duration: duration, timestamp: timestamp,
    splitStatus: splitStatus, joinStatus: joinStatus, response: response
  };
  CBT.scorm = { find: find, Adapter: Adapter, Base: Base };
})(globalThis.CBT || (globalThis.CBT = {}));
