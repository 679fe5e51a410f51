/* runtime2004.js - the preview's strict SCORM 2004 4th Edition run-time: the API_1484_11
 * object, the data model and its rules, with the surface panel.js uses from runtime.js (the
 * SCORM 1.2 one): Runtime {api, values, counts, log, state, profile, unloading, expire,
 * idleExpired, snapshot, persisted}, nextLaunch, replay, ERROR_TEXT.
 *
 * "Strict" is the letter of the SCORM 2004 4th Edition Run-Time Environment (RTE): 3.1 the API
 * (its 8 functions, call order, error codes 1xx-4xx) and 4 the data model (elements, access,
 * data types of 4.1, vocabularies, smallest permitted maxima). Where a common LMS lets more
 * through (scorm-again: identifiers with spaces, "P1H", no id before an interaction's other
 * elements), this refuses it. No DOM, so node's tests load it too. Exposes
 * CbtPreview.runtime2004. */
(function (root) {
  "use strict";

  // RTE 3.1.7: the error codes and the text GetErrorString returns.
  var ERROR_TEXT = {
    "0": "No Error", "101": "General Exception", "102": "General Initialization Failure",
    "103": "Already Initialized", "104": "Content Instance Terminated",
    "111": "General Termination Failure", "112": "Termination Before Initialization",
    "113": "Termination After Termination", "122": "Retrieve Data Before Initialization",
    "123": "Retrieve Data After Termination", "132": "Store Data Before Initialization",
    "133": "Store Data After Termination", "142": "Commit Before Initialization",
    "143": "Commit After Termination", "201": "General Argument Error",
    "301": "General Get Failure", "351": "General Set Failure", "391": "General Commit Failure",
    "401": "Undefined Data Model Element", "402": "Unimplemented Data Model Element",
    "403": "Data Model Element Value Not Initialized", "404": "Data Model Element Is Read Only",
    "405": "Data Model Element Is Write Only", "406": "Data Model Element Type Mismatch",
    "407": "Data Model Element Value Out Of Range", "408": "Data Model Dependency Not Established"
  };
  var STATE = { NEW: "not initialized", RUNNING: "running", FINISHED: "finished", EXPIRED: "expired" };

  // ---- data types (RTE 4.1) ----------------------------------------------------------------
  // timeinterval (second,10,2): P[nY][nM][nD][T[nH][nM][n[.n]S]], T only before a time part.
  var DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$/;
  // time (second,10,0): YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]], the zone only after a fraction.
  var TIME = /^(19[7-9]\d|20[0-2]\d|203[0-8])(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3])(:[0-5]\d(:[0-5]\d(\.\d{1,2}(Z|[+-]([01]\d|2[0-3])(:[0-5]\d)?)?)?)?)?)?)?)?$/;
  var REAL = /^-?\d+(\.\d+)?$/;
  // short/long_identifier_type: a URI (RFC 3986), no white space.
  var URI = /^([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$/;
  var LANG = /^\{lang=([A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)\}/;
  var FLAG = /^\{(case_matters|order_matters)=(true|false)\}/;

  function quote(v) { return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v); }
  function vocabulary(words) {
    return function (v) { return words.indexOf(v) >= 0 ? "" : quote(v) + " is not one of " + words.join(", "); };
  }
  function identifier(v, max) {
    if (v === "") return "an identifier cannot be empty";
    if (v.length > max) return v.length + " characters; at most " + max;
    return URI.test(v) ? "" : quote(v) + " is not a URI: no white space or other characters";
  }
  function real(lo, hi) {
    return function (v) {
      if (!REAL.test(v)) return [406, quote(v) + " is not a real number"];
      if ((lo !== null && +v < lo) || (hi !== null && +v > hi)) return [407, v + " is outside " + lo + ".." + hi];
      return "";
    };
  }
  function langString(text, max) {
    var m = LANG.exec(text);
    if (text.charAt(0) === "{" && !m) return quote(text) + " starts with a { that is not {lang=...}";
    var body = m ? text.slice(m[0].length) : text;
    if (body.charAt(0) === "{") return quote(text) + ": a second delimiter after {lang=...}";
    return body.length > max ? body.length + " characters; at most " + max : "";
  }
  /** RTE 4.2.8.5: learner_response / correct_responses.n.pattern by interaction type. */
  function response(type, v, pattern) {
    if (type === "true-false") return v === "true" || v === "false" ? "" : quote(v) + " is not true or false";
    if (type === "choice" || type === "sequencing") {
      var items = v === "" ? [] : v.split("[,]");
      if (items.length > 36) return items.length + " identifiers; at most 36";
      for (var i = 0; i < items.length; i++) {
        var bad = identifier(items[i], 250);
        if (bad) return bad;
      }
      if (type === "choice" && items.some(function (x, j) { return items.indexOf(x) !== j; })) {
        return "a choice lists an identifier twice";
      }
      return "";
    }
    if (type === "fill-in" || type === "long-fill-in") {
      var seen = {};
      var m;
      while (pattern && (m = FLAG.exec(v))) {
        if (seen[m[1]] || (type === "long-fill-in" && m[1] === "order_matters")) return m[0] + " is repeated or not allowed";
        seen[m[1]] = true;
        v = v.slice(m[0].length);
      }
      var parts = type === "fill-in" ? v.split("[,]") : [v];
      if (parts.length > 10) return parts.length + " strings; at most 10";
      for (var k = 0; k < parts.length; k++) {
        var why = langString(parts[k], type === "fill-in" ? 250 : 4000);
        if (why) return why;
      }
      return "";
    }
    if (type === "likert") return identifier(v, 250);
    if (type === "matching") {
      // source[.]target pairs separated by [,], each side a short identifier
      var pairs = v === "" ? [] : v.split("[,]");
      if (pairs.length > 36) return pairs.length + " pairs; at most 36";
      for (var q = 0; q < pairs.length; q++) {
        var sides = pairs[q].split("[.]");
        if (sides.length !== 2) return quote(pairs[q]) + " is not source[.]target";
        var wrong = identifier(sides[0], 250) || identifier(sides[1], 250);
        if (wrong) return wrong;
      }
      return "";
    }
    if (type === "numeric") {
      if (pattern && /^(-?\d+(\.\d+)?)?\[:\](-?\d+(\.\d+)?)?$/.test(v)) return "";
      return REAL.test(v) ? "" : quote(v) + " is not a real number";
    }
    return v.length > 4000 ? v.length + " characters; at most 4000" : "";
  }

  var CHECK = {
    completion: vocabulary(["completed", "incomplete", "not attempted", "unknown"]),
    success: vocabulary(["passed", "failed", "unknown"]),
    exit: vocabulary(["timeout", "suspend", "logout", "normal", ""]),
    duration: function (v) { return DURATION.test(v) ? "" : quote(v) + " is not an ISO 8601 duration (timeinterval)"; },
    time: function (v) { return TIME.test(v) ? "" : quote(v) + " is not an ISO 8601 time (YYYY-MM-DDThh:mm:ss.s[TZD])"; },
    scaled: real(-1, 1),
    unit: real(0, 1),
    real: real(null, null),
    id: function (v) { return identifier(v, 4000); },
    type: vocabulary(["true-false", "choice", "fill-in", "long-fill-in", "likert", "matching",
      "performance", "sequencing", "numeric", "other"]),
    result: function (v) {
      return ["correct", "incorrect", "unanticipated", "neutral"].indexOf(v) >= 0 || REAL.test(v) ? ""
        : quote(v) + " is not correct, incorrect, unanticipated, neutral or a real number" +
          (v === "wrong" ? ' ("wrong" is SCORM 1.2)' : "");
    },
    nav: function (v) {
      return ["continue", "previous", "exit", "exitAll", "abandon", "abandonAll", "suspendAll", "_none_"]
        .indexOf(v) >= 0 || /^\{target=[^}]+\}(choice|jump)$/.test(v) ? "" : quote(v) + " is not a navigation request";
    },
    string: function (v, ctx) { return v.length <= ctx.max ? "" : v.length.toLocaleString("en") + " characters; at most " + ctx.max.toLocaleString("en"); },
    lang: function (v, ctx) { return langString(v, ctx.max); },
    response: function (v, ctx) { return response(ctx.interactionType, v, ctx.pattern); }
  };

  // ---- the data model (RTE 4.2): access R / W / RW / K (keyword), check, max ----------------
  var MODEL = {
    "cmi._version": { access: "K", value: "1.0" },
    "cmi.completion_status": { access: "RW", check: "completion" },
    "cmi.completion_threshold": { access: "R" },
    "cmi.credit": { access: "R" },
    "cmi.entry": { access: "R" },
    "cmi.exit": { access: "W", check: "exit" },
    "cmi.launch_data": { access: "R" },
    "cmi.learner_id": { access: "R" },
    "cmi.learner_name": { access: "R" },
    "cmi.location": { access: "RW", check: "string", max: 1000 },
    "cmi.max_time_allowed": { access: "R" },
    "cmi.mode": { access: "R" },
    "cmi.progress_measure": { access: "RW", check: "unit" },
    "cmi.scaled_passing_score": { access: "R" },
    "cmi.score._children": { access: "K", value: "scaled,raw,min,max" },
    "cmi.score.scaled": { access: "RW", check: "scaled" },
    "cmi.score.raw": { access: "RW", check: "real" },
    "cmi.score.min": { access: "RW", check: "real" },
    "cmi.score.max": { access: "RW", check: "real" },
    "cmi.session_time": { access: "W", check: "duration" },
    "cmi.success_status": { access: "RW", check: "success" },
    "cmi.suspend_data": { access: "RW", check: "string", max: 64000 },
    "cmi.time_limit_action": { access: "R" },
    "cmi.total_time": { access: "R" },
    "cmi.comments_from_learner._children": { access: "K", value: "comment,location,timestamp" },
    "cmi.comments_from_learner._count": { access: "K", count: true },
    "cmi.comments_from_learner.n.comment": { access: "RW", check: "lang", max: 4000 },
    "cmi.comments_from_learner.n.location": { access: "RW", check: "string", max: 250 },
    "cmi.comments_from_learner.n.timestamp": { access: "RW", check: "time" },
    "cmi.comments_from_lms._children": { access: "K", value: "comment,location,timestamp" },
    "cmi.comments_from_lms._count": { access: "K", count: true },
    "cmi.interactions._children": { access: "K", value: "id,type,objectives,timestamp," +
      "correct_responses,weighting,learner_response,result,latency,description" },
    "cmi.interactions._count": { access: "K", count: true },
    "cmi.interactions.n.id": { access: "RW", check: "id" },
    "cmi.interactions.n.type": { access: "RW", check: "type" },
    "cmi.interactions.n.objectives._count": { access: "K", count: true },
    "cmi.interactions.n.objectives.n.id": { access: "RW", check: "id" },
    "cmi.interactions.n.timestamp": { access: "RW", check: "time" },
    "cmi.interactions.n.correct_responses._count": { access: "K", count: true },
    "cmi.interactions.n.correct_responses.n.pattern": { access: "RW", check: "response", typed: true },
    "cmi.interactions.n.weighting": { access: "RW", check: "real" },
    "cmi.interactions.n.learner_response": { access: "RW", check: "response", typed: true },
    "cmi.interactions.n.result": { access: "RW", check: "result" },
    "cmi.interactions.n.latency": { access: "RW", check: "duration" },
    "cmi.interactions.n.description": { access: "RW", check: "lang", max: 250 },
    "cmi.objectives._children": { access: "K", value: "id,score,success_status,completion_status," +
      "progress_measure,description" },
    "cmi.objectives._count": { access: "K", count: true },
    "cmi.objectives.n.id": { access: "RW", check: "id" },
    "cmi.objectives.n.score.scaled": { access: "RW", check: "scaled" },
    "cmi.objectives.n.score.raw": { access: "RW", check: "real" },
    "cmi.objectives.n.score.min": { access: "RW", check: "real" },
    "cmi.objectives.n.score.max": { access: "RW", check: "real" },
    "cmi.objectives.n.success_status": { access: "RW", check: "success" },
    "cmi.objectives.n.completion_status": { access: "RW", check: "completion" },
    "cmi.objectives.n.progress_measure": { access: "RW", check: "unit" },
    "cmi.objectives.n.description": { access: "RW", check: "lang", max: 250 },
    "adl.nav.request": { access: "RW", check: "nav" }
  };

  var DEFAULT_CMI = {
    "cmi.learner_id": "learner-1",
    "cmi.learner_name": "Learner, Preview",
    "cmi.credit": "credit",
    "cmi.entry": "ab-initio",
    "cmi.mode": "normal",
    "cmi.completion_status": "unknown",
    "cmi.success_status": "unknown",
    "cmi.total_time": "PT0S",
    "cmi.completion_threshold": "",
    "cmi.scaled_passing_score": "",
    "cmi.launch_data": "",
    "cmi.max_time_allowed": "",
    "cmi.time_limit_action": "continue,no message",
    "adl.nav.request": "_none_"
  };

  var INDEX = /^(0|[1-9]\d*)$/;

  function resolve(name) {
    var parts = name.split(".");
    var arrays = [];
    var template = parts.map(function (p, i) {
      if (i > 0 && INDEX.test(p)) { arrays.push([parts.slice(0, i).join("."), +p]); return "n"; }
      return p;
    }).join(".");
    return { name: name, template: template, arrays: arrays, spec: MODEL[template] };
  }

  function copy(o) {
    var c = {};
    for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) c[k] = o[k];
    return c;
  }

  function countsOf(values) {
    var counts = {};
    Object.keys(values).forEach(function (name) {
      resolve(name).arrays.forEach(function (a) { counts[a[0]] = Math.max(counts[a[0]] || 0, a[1] + 1); });
    });
    return counts;
  }

  var STRICT = {
    name: "strict",
    label: "Strict SCORM 2004 4th Edition",
    behaviour: "The letter of SCORM 2004 4th Edition: exact vocabularies (incorrect, normal, " +
      "completion and success apart), ISO 8601 durations and timestamps, URIs as identifiers, " +
      "an interaction's id before its other elements and its type before responses (408), " +
      "read-only and write-only elements, call order (nothing before Initialize or after " +
      "Terminate), location over 1,000 and suspend_data over 64,000 characters refused. " +
      "success_status is judged from score.scaled when the LMS has a scaled passing score.",
    source: "ADL SCORM 2004 4th Edition Run-Time Environment, 3.1 (API, error codes) and 4 (data model)."
  };

  /** One launch of a SCO. options: cmi (preload), now, onCall(entry), onPersist(snapshot, how). */
  function Runtime(options) {
    options = options || {};
    this.profile = STRICT;
    this.now = options.now || function () { return Date.now(); };
    this.onCall = options.onCall || function () {};
    this.onPersist = options.onPersist || function () {};
    this.values = copy(DEFAULT_CMI);
    var preload = options.cmi || {};
    for (var k in preload) if (typeof preload[k] === "string") this.values[k] = preload[k];
    this.counts = countsOf(this.values);
    this.state = STATE.NEW;
    this.error = "0";
    this.diagnostic = "";
    this.unloading = false;
    this.expiredBecause = "";
    this.log = [];
    this.persisted = null;
    this.started = this.now();
    this.api = makeApi(this);
  }

  Runtime.prototype.fail = function (code, diagnostic) {
    this.error = String(code);
    this.diagnostic = diagnostic || ERROR_TEXT[code];
    return false;
  };
  Runtime.prototype.idleExpired = function () { return this.state === STATE.EXPIRED; };
  Runtime.prototype.expire = function (why) {
    if (this.state === STATE.FINISHED || this.state === STATE.EXPIRED) return;
    this.state = STATE.EXPIRED;
    this.expiredBecause = why || "ended by the LMS";
  };
  Runtime.prototype.snapshot = function () { return copy(this.values); };
  Runtime.prototype.persist = function (how) {
    this.persisted = this.snapshot();
    this.onPersist(this.persisted, how);
  };

  /** RTE 3.1.3: Initialize/Terminate/Commit take exactly "" (201); the state codes differ per
   * function (before: 112/122/132/142, after: 113/123/133/143). */
  Runtime.prototype.open = function (fn, before, after) {
    if (this.state === STATE.EXPIRED) return this.fail(101, "The LMS session has expired (" + this.expiredBecause + ")");
    if (this.state === STATE.NEW) return this.fail(before, fn + " before Initialize");
    if (this.state === STATE.FINISHED) return this.fail(after, fn + " after Terminate: the session is over");
    return true;
  };
  function emptyArgument(rt, fn, args) {
    return args.length === 1 && args[0] === "" ? true
      : rt.fail(201, fn + ' takes exactly one argument, the empty string ""');
  }

  Runtime.prototype.initialize = function (args) {
    if (!emptyArgument(this, "Initialize", args)) return false;
    if (this.state === STATE.RUNNING) return this.fail(103, "Initialize was already called");
    if (this.state !== STATE.NEW) return this.fail(104, "this content instance has terminated");
    this.state = STATE.RUNNING;
    this.started = this.now();
    return true;
  };

  Runtime.prototype.terminate = function (args) {
    if (!emptyArgument(this, "Terminate", args)) return false;
    if (!this.open("Terminate", 112, 113)) return false;
    this.state = STATE.FINISHED;
    this.persist("finish"); // RTE 3.1.3.2: Terminate commits
    return true;
  };

  Runtime.prototype.commit = function (args) {
    if (!emptyArgument(this, "Commit", args)) return false;
    if (!this.open("Commit", 142, 143)) return false;
    this.persist("commit");
    return true;
  };

  /** RTE 4.2.21: with a scaled passing score and a scaled score, the LMS judges success. */
  Runtime.prototype.successStatus = function () {
    var v = this.values;
    if (v["cmi.scaled_passing_score"] !== "" && REAL.test(v["cmi.score.scaled"] || "")) {
      return +v["cmi.score.scaled"] >= +v["cmi.scaled_passing_score"] ? "passed" : "failed";
    }
    return v["cmi.success_status"];
  };

  Runtime.prototype.getValue = function (args) {
    var name = args[0];
    if (!this.open("GetValue", 122, 123)) return "";
    if (typeof name !== "string" || name === "") return this.fail(301, "GetValue needs an element name") || "";
    var r = resolve(name);
    if (!r.spec) return this.fail(401, name + " is not a SCORM 2004 data model element") || "";
    if (r.spec.access === "W") return this.fail(405, name + " is write only") || "";
    for (var i = 0; i < r.arrays.length; i++) {
      if (r.arrays[i][1] >= (this.counts[r.arrays[i][0]] || 0)) {
        return this.fail(301, r.arrays[i][0] + " has no record " + r.arrays[i][1]) || "";
      }
    }
    if (r.spec.value !== undefined) return r.spec.value;
    if (r.spec.count) return String(this.counts[name.slice(0, -"._count".length)] || 0);
    if (name === "cmi.success_status") return this.successStatus();
    var value = this.values[name];
    // RTE 3.1.7.6: an element the SCO has not set and the LMS has no value for: "" with 403.
    if (value === undefined) return this.fail(403, name + " has no value yet") || "";
    return value;
  };

  Runtime.prototype.setValue = function (args) {
    var name = args[0];
    var value = args[1];
    if (!this.open("SetValue", 132, 133)) return false;
    if (typeof name !== "string" || name === "") return this.fail(351, "SetValue needs an element name");
    if (typeof value !== "string") return this.fail(406, "the value for " + name + " must be a string");
    var r = resolve(name);
    if (!r.spec) return this.fail(401, name + " is not a SCORM 2004 data model element");
    if (r.spec.access === "K" || r.spec.access === "R") return this.fail(404, name + " is read only");
    for (var i = 0; i < r.arrays.length; i++) {
      var array = r.arrays[i][0];
      var n = r.arrays[i][1];
      var count = this.counts[array] || 0;
      if (n > count) return this.fail(351, array + "." + n + " skips ahead: _count is " + count);
      // RTE 4.2.8.1 / 4.2.16.1: a new record starts with its id (408).
      if (n === count && !/\.id$/.test(name) && !/correct_responses$/.test(array)) {
        return this.fail(408, array + "." + n + " is new: set its id first");
      }
    }
    var ctx = { max: r.spec.max };
    if (r.spec.typed) {
      ctx.interactionType = this.values["cmi.interactions." + r.arrays[0][1] + ".type"];
      ctx.pattern = /\.pattern$/.test(name);
      if (!ctx.interactionType) return this.fail(408, name + " needs cmi.interactions.n.type first");
      var single = ["true-false", "likert", "numeric", "other"].indexOf(ctx.interactionType) >= 0;
      if (ctx.pattern && single && r.arrays[1][1] > 0) {
        return this.fail(351, ctx.interactionType + " has one correct response");
      }
    }
    var problem = CHECK[r.spec.check](value, ctx);
    if (problem) {
      var code = Array.isArray(problem) ? problem[0] : 406;
      return this.fail(code, name + ": " + (Array.isArray(problem) ? problem[1] : problem));
    }
    var self = this;
    r.arrays.forEach(function (a) { if (a[1] === (self.counts[a[0]] || 0)) self.counts[a[0]] = a[1] + 1; });
    this.values[name] = value;
    return true;
  };

  function makeApi(rt) {
    function record(fn, args, result) {
      var entry = { seq: rt.log.length + 1, t: rt.now() - rt.started, fn: fn,
        args: args.map(function (a) { return a === undefined ? null : a; }),
        result: result, error: rt.error, diagnostic: rt.error === "0" ? "" : rt.diagnostic,
        unloading: rt.unloading };
      rt.log.push(entry);
      rt.onCall(entry);
      return result;
    }
    function flag(ok) { return ok ? "true" : "false"; }
    function call(fn, impl, toResult) {
      return function () {
        var args = Array.prototype.slice.call(arguments);
        rt.error = "0";
        rt.diagnostic = "";
        return record(fn, args, toResult(impl.call(rt, args)));
      };
    }
    return {
      Initialize: call("Initialize", rt.initialize, flag),
      Terminate: call("Terminate", rt.terminate, flag),
      GetValue: call("GetValue", rt.getValue, function (v) { return v === false ? "" : v; }),
      SetValue: call("SetValue", rt.setValue, flag),
      Commit: call("Commit", rt.commit, flag),
      GetLastError: function () { return record("GetLastError", [], rt.error); },
      GetErrorString: function (code) {
        var text = ERROR_TEXT[String(code)];
        return record("GetErrorString", [code], text === undefined ? "" : text);
      },
      GetDiagnostic: function (code) {
        var mine = code === "" || code === undefined || String(code) === rt.error;
        return record("GetDiagnostic", [code], mine ? rt.diagnostic : ERROR_TEXT[String(code)] || "");
      }
    };
  }

  // ---- between launches (RTE 4.2.6 cmi.entry, 4.2.7 cmi.exit) ------------------------------

  function centiseconds(d) {
    var m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(d || "");
    if (!m) return 0;
    return Math.round(((((+m[1] || 0) * 24 + (+m[2] || 0)) * 60 + (+m[3] || 0)) * 60 + (+m[4] || 0)) * 100);
  }
  function duration(cs) {
    var s = Math.floor(cs / 100), f = cs % 100;
    var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60);
    s %= 60;
    var out = "PT" + (h ? h + "H" : "") + (m ? m + "M" : "");
    if (s || f || out === "PT") out += s + (f ? "." + (f < 10 ? "0" + f : String(f)).replace(/0$/, "") : "") + "S";
    return out;
  }

  /** After exit "suspend" the attempt goes on: entry "resume", the stored data, total_time +
   * session_time. After any other exit the attempt is over: the next launch is a new attempt
   * with fresh data (entry "ab-initio"). ``base``: what the LMS sets on every launch. */
  function nextLaunch(persisted, base) {
    var out = copy(DEFAULT_CMI);
    var k;
    if (persisted && persisted["cmi.exit"] === "suspend") {
      for (k in persisted) if (k !== "cmi.exit" && k !== "cmi.session_time") out[k] = persisted[k];
      out["cmi.entry"] = "resume";
      out["cmi.total_time"] = duration(centiseconds(persisted["cmi.total_time"]) +
        centiseconds(persisted["cmi.session_time"]));
      out["adl.nav.request"] = "_none_";
    }
    for (k in base || {}) out[k] = base[k];
    return out;
  }

  /** runtime.js's replay (loaded first in the preview page) over this runtime. */
  function replay(calls, options) {
    return root.CbtPreview.runtime.replay(calls, options, Runtime);
  }

  var ns = root.CbtPreview = root.CbtPreview || {};
  ns.runtime2004 = {
    Runtime: Runtime, STATE: STATE, ERROR_TEXT: ERROR_TEXT, MODEL: MODEL, DEFAULT_CMI: DEFAULT_CMI,
    CHECK: CHECK, STRICT: STRICT, resolve: resolve, nextLaunch: nextLaunch, replay: replay,
    duration: duration, centiseconds: centiseconds
  };
})(globalThis);
