/* runtime.js - the preview's LMS side: a strict SCORM 1.2 run-time. The API object a SCO finds
 * as window.API, the data model, and every validation rule live here and nowhere else; the
 * panel (panel.js) only displays what this file records. No DOM, so node's tests load it too.
 *
 * "Strict" means the letter of the SCORM 1.2 Run-Time Environment (RTE), chapter 3: section
 * 3.3 is the API (the 8 functions, their call order, the error codes) and section 3.4 the data
 * model (elements, read/write access, data types and vocabularies). Common LMSs are more
 * lenient (scorm-again takes 64,000-character suspend_data, one-digit timespan hours, any
 * identifier; most answer Get/Set after LMSFinish), so a course that runs clean here runs
 * clean there. profiles.js adds the documented behaviour of real LMSs on top, as small data
 * and hook overrides; a profile never loosens a rule except the size limits it names.
 *
 * Needs player/cmi.js first (CBT.cmi): the SCO writes with the same vocabularies and formats,
 * so they are defined once for both sides. Exposes CbtPreview.runtime.
 */
(function (root) {
  "use strict";
  var CMI = root.CBT && root.CBT.cmi;
  if (!CMI) throw new Error("runtime.js needs player/cmi.js (CBT.cmi) loaded first");
  var ERR = CMI.ERR;

  // RTE 1.2 3.3 (error codes): the text LMSGetErrorString returns for each code.
  var ERROR_TEXT = {
    "0": "No error",
    "101": "General exception",
    "201": "Invalid argument error",
    "202": "Element cannot have children",
    "203": "Element not an array - cannot have count",
    "301": "Not initialized",
    "401": "Not implemented error",
    "402": "Invalid set value, element is a keyword",
    "403": "Element is read only",
    "404": "Element is write only",
    "405": "Incorrect data type"
  };

  var STATE = { NEW: "not initialized", RUNNING: "running", FINISHED: "finished", EXPIRED: "expired" };

  // ---- data types (RTE 1.2 3.4, "data types") ----------------------------------------------
  // cmi.js holds the formats the SCO writes: CMITimespan and CMITime are reused as they are.
  // Its identifier and decimal patterns are the conservative subset a SCO should send (no
  // white space; at most three integer digits), narrower than what the RTE lets an LMS
  // accept, so the LMS side defines the full RTE types here.
  var TIMESPAN = CMI.FORMAT.timespan; // HHHH:MM:SS.SS, 2-4 digit hours
  var TIME = CMI.FORMAT.time; // HH:MM:SS.SS, a time of day
  // CMIIdentifier: "no white space or unprintable characters", at most 255: printable ASCII
  // (the reading of the ADL test suite and Moodle's ^[\u0021-\u007E]{0,255}$), never empty.
  var IDENTIFIER = /^[\x21-\x7e]{1,255}$/;
  // CMIDecimal: optional minus, digits, optional point and digits ("2", "2.2", "-2.2").
  var DECIMAL = /^-?\d+(\.\d+)?$/;
  var SINTEGER = /^-?\d+$/;
  // CMIFeedback formats by interaction type (RTE 1.2 3.4, cmi.interactions.n.student_response
  // table): single characters 0-9 and a-z; choice lists them with commas, optionally in {}.
  var C = "[0-9a-z]";
  var RESPONSE = {
    "true-false": /^[01tf]$/,
    choice: new RegExp("^(?:" + C + "(?:," + C + ")*|\\{" + C + "(?:," + C + ")*\\})$"),
    likert: new RegExp("^" + C + "$"),
    numeric: DECIMAL,
    matching: new RegExp("^(?:P(?:,P)*|\\{P(?:,P)*\\})$".replace(/P/g, C + "\\." + C)),
    sequencing: new RegExp("^" + C + "(?:," + C + ")*$")
  };
  var INTERACTION_TYPES = ["true-false", "choice", "fill-in", "matching", "performance",
    "sequencing", "likert", "numeric"];
  var OBJECTIVE_STATUS = CMI.SETTABLE_STATUS.concat([CMI.STATUS.NOT_ATTEMPTED]);
  var EXIT_VALUES = Object.keys(CMI.EXIT).map(function (k) { return CMI.EXIT[k]; });
  var RESULT_WORDS = Object.keys(CMI.RESULT).map(function (k) { return CMI.RESULT[k]; });

  function quote(v) {
    return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "..." : v);
  }

  /** Each check returns "" when ``v`` is valid, else why not (the diagnostic of error 405). */
  var CHECK = {
    // CMIString255 / CMIString4096: the limit comes from the profile (ctx.limit).
    string: function (v, ctx) {
      return v.length <= ctx.limit ? "" : v.length + " characters; " + ctx.typeName +
        " holds at most " + ctx.limit;
    },
    // cmi.core.lesson_status (CMIVocabulary): "not attempted" is never set by a SCO.
    lessonStatus: function (v) {
      return CMI.SETTABLE_STATUS.indexOf(v) >= 0 ? "" : quote(v) +
        " is not passed, completed, failed, incomplete or browsed";
    },
    objectiveStatus: function (v) {
      return OBJECTIVE_STATUS.indexOf(v) >= 0 ? "" : quote(v) + " is not an objective status";
    },
    // cmi.core.exit (CMIVocabulary): no "normal" in 1.2 (that is SCORM 2004).
    exit: function (v) {
      return EXIT_VALUES.indexOf(v) >= 0 ? "" : quote(v) +
        ' is not time-out, suspend, logout or "" (no "normal" in SCORM 1.2)';
    },
    // CMITimespan: minutes and seconds are two digits and below 60; not ISO 8601 (2004).
    timespan: function (v) {
      if (!TIMESPAN.test(v)) return quote(v) + " is not a CMITimespan HHHH:MM:SS.SS (2-4 digit hours)";
      var parts = v.split(":");
      return +parts[1] < 60 && +parseFloat(parts[2]) < 60 ? "" : quote(v) +
        ": minutes and seconds must be below 60";
    },
    time: function (v) {
      return TIME.test(v) ? "" : quote(v) + " is not a CMITime HH:MM:SS.SS (a time of day)";
    },
    // Scores: CMIDecimal normalised to 0..100, or blank (CMIBlank).
    score: function (v, ctx) {
      if (v === "") return "";
      var bad = CHECK.decimal(v, ctx);
      if (bad) return bad;
      return +v >= 0 && +v <= 100 ? "" : v + " is outside 0..100";
    },
    decimal: function (v, ctx) {
      if (!DECIMAL.test(v)) return quote(v) + " is not a CMIDecimal";
      var digits = v.replace(/^-/, "").split(".")[0].length;
      return ctx.decimalDigits && digits > ctx.decimalDigits ? v + " has more than " +
        ctx.decimalDigits + " integer digits (" + ctx.profileName + ")" : "";
    },
    identifier: function (v) {
      if (IDENTIFIER.test(v)) return "";
      if (v === "") return "an identifier cannot be empty";
      if (v.length > 255) return v.length + " characters; CMIIdentifier holds at most 255";
      return quote(v) + " has white space or characters outside printable ASCII";
    },
    interactionType: function (v) {
      return INTERACTION_TYPES.indexOf(v) >= 0 ? "" : quote(v) +
        " is not a SCORM 1.2 interaction type (no long-fill-in or other: those are 2004)";
    },
    // cmi.interactions.n.result: a word or a CMIDecimal; "incorrect" is SCORM 2004.
    result: function (v) {
      if (RESULT_WORDS.indexOf(v) >= 0 || DECIMAL.test(v)) return "";
      return quote(v) + " is not correct, wrong, unanticipated, neutral or a decimal" +
        (v === "incorrect" ? ' ("incorrect" is SCORM 2004)' : "");
    },
    // CMIFeedback: at most 255 characters, in the format of the interaction's type when the
    // type was set first. An empty student_response means "no answer"; an empty pattern is
    // no pattern at all.
    feedback: function (v, ctx) {
      if (v.length > 255) return v.length + " characters; CMIFeedback holds at most 255";
      if (v === "" && !ctx.pattern) return "";
      if (v === "") return "an empty correct response pattern";
      var format = RESPONSE[ctx.interactionType];
      return !format || format.test(v) ? "" : quote(v) + " is not in the " +
        ctx.interactionType + " response format";
    },
    sinteger: function (v, ctx) {
      return SINTEGER.test(v) && +v >= ctx.range[0] && +v <= ctx.range[1] ? "" : quote(v) +
        " is not an integer in " + ctx.range[0] + ".." + ctx.range[1];
    }
  };

  // ---- the data model (RTE 1.2 3.4) -------------------------------------------------------
  // Every element by template ("n" stands for any array index) with its access: R read only,
  // W write only, RW both, K keyword (readable, never settable). ``check`` names a CHECK,
  // ``type`` the RTE data type (for the limit of strings), ``range`` a CMISInteger range.
  var MODEL = {
    "cmi._version": { access: "K", value: "3.4" },
    "cmi.core._children": { access: "K", value: "student_id,student_name,lesson_location," +
      "credit,lesson_status,entry,score,total_time,lesson_mode,exit,session_time" },
    "cmi.core.student_id": { access: "R" },
    "cmi.core.student_name": { access: "R" },
    "cmi.core.lesson_location": { access: "RW", check: "string", type: "CMIString255" },
    "cmi.core.credit": { access: "R" },
    "cmi.core.lesson_status": { access: "RW", check: "lessonStatus" },
    "cmi.core.entry": { access: "R" },
    "cmi.core.score._children": { access: "K", value: "raw,min,max" },
    "cmi.core.score.raw": { access: "RW", check: "score" },
    "cmi.core.score.min": { access: "RW", check: "score" },
    "cmi.core.score.max": { access: "RW", check: "score" },
    "cmi.core.total_time": { access: "R" },
    "cmi.core.lesson_mode": { access: "R" },
    "cmi.core.exit": { access: "W", check: "exit" },
    "cmi.core.session_time": { access: "W", check: "timespan" },
    "cmi.suspend_data": { access: "RW", check: "string", type: "CMIString4096" },
    "cmi.launch_data": { access: "R" },
    "cmi.comments": { access: "RW", check: "string", type: "CMIString4096" },
    "cmi.comments_from_lms": { access: "R" },
    "cmi.objectives._children": { access: "K", value: "id,score,status" },
    "cmi.objectives._count": { access: "K", count: true },
    "cmi.objectives.n.id": { access: "RW", check: "identifier" },
    "cmi.objectives.n.score._children": { access: "K", value: "raw,min,max" },
    "cmi.objectives.n.score.raw": { access: "RW", check: "score" },
    "cmi.objectives.n.score.min": { access: "RW", check: "score" },
    "cmi.objectives.n.score.max": { access: "RW", check: "score" },
    "cmi.objectives.n.status": { access: "RW", check: "objectiveStatus" },
    "cmi.student_data._children": { access: "K",
      value: "mastery_score,max_time_allowed,time_limit_action" },
    "cmi.student_data.mastery_score": { access: "R" },
    "cmi.student_data.max_time_allowed": { access: "R" },
    "cmi.student_data.time_limit_action": { access: "R" },
    "cmi.student_preference._children": { access: "K", value: "audio,language,speed,text" },
    "cmi.student_preference.audio": { access: "RW", check: "sinteger", range: [-1, 100] },
    "cmi.student_preference.language": { access: "RW", check: "string", type: "CMIString255" },
    "cmi.student_preference.speed": { access: "RW", check: "sinteger", range: [-100, 100] },
    "cmi.student_preference.text": { access: "RW", check: "sinteger", range: [-1, 1] },
    "cmi.interactions._children": { access: "K", value: "id,objectives,time,type," +
      "correct_responses,weighting,student_response,result,latency" },
    "cmi.interactions._count": { access: "K", count: true },
    // Every cmi.interactions.n.* is write only; only the two _count keywords can be read.
    "cmi.interactions.n.id": { access: "W", check: "identifier" },
    "cmi.interactions.n.objectives._count": { access: "K", count: true },
    "cmi.interactions.n.objectives.n.id": { access: "W", check: "identifier" },
    "cmi.interactions.n.time": { access: "W", check: "time" },
    "cmi.interactions.n.type": { access: "W", check: "interactionType" },
    "cmi.interactions.n.correct_responses._count": { access: "K", count: true },
    "cmi.interactions.n.correct_responses.n.pattern": { access: "W", check: "feedback" },
    "cmi.interactions.n.weighting": { access: "W", check: "decimal" },
    "cmi.interactions.n.student_response": { access: "W", check: "feedback" },
    "cmi.interactions.n.result": { access: "W", check: "result" },
    "cmi.interactions.n.latency": { access: "W", check: "timespan" }
  };

  // Every prefix of a template (cmi.core, cmi.interactions.n, ...): a _children or _count
  // asked of one of these, or of an element, is 202/203 rather than "no such element" (401).
  var KNOWN = {};
  Object.keys(MODEL).forEach(function (t) {
    var parts = t.split(".");
    for (var i = 1; i <= parts.length; i++) {
      var p = parts.slice(0, i).join(".");
      if (!/\._(children|count|version)$/.test(p)) KNOWN[p] = true;
    }
  });

  var INDEX = /^(0|[1-9]\d*)$/;

  /** ``cmi.interactions.3.objectives.0.id`` -> {template, arrays: [["cmi.interactions", 3],
   * ["cmi.interactions.3.objectives", 0]], spec}; spec is undefined for unknown names. */
  function resolve(name) {
    var parts = name.split(".");
    var arrays = [];
    var template = parts.map(function (p, i) {
      if (i > 0 && INDEX.test(p)) {
        arrays.push([parts.slice(0, i).join("."), +p]);
        return "n";
      }
      return p;
    }).join(".");
    return { name: name, template: template, arrays: arrays, spec: MODEL[template] };
  }

  /** Why ``name`` is not an element: 202 / 203 for a keyword asked of something that has
   * no children / is no array, else 401 (RTE 1.2 3.3, error 401: a name outside the data
   * model, such as "xyz.score.result", is "not implemented"). */
  function unknownError(r) {
    var m = /^(.*)\.(_children|_count)$/.exec(r.template);
    if (m && KNOWN[m[1]]) return m[2] === "_children" ? ERR.NO_CHILDREN : ERR.NOT_AN_ARRAY;
    return ERR.NOT_IMPLEMENTED;
  }

  // ---- the runtime ------------------------------------------------------------------------

  /** The CMI an LMS prepares for a launch before LMSInitialize (RTE 1.2 3.4: R elements). */
  var DEFAULT_CMI = {
    "cmi.core.student_id": "learner-1",
    "cmi.core.student_name": "Learner, Preview",
    "cmi.core.lesson_location": "",
    "cmi.core.credit": "credit",
    "cmi.core.lesson_status": CMI.STATUS.NOT_ATTEMPTED,
    "cmi.core.entry": "ab-initio",
    "cmi.core.score.raw": "",
    "cmi.core.score.min": "",
    "cmi.core.score.max": "",
    "cmi.core.total_time": "0000:00:00",
    "cmi.core.lesson_mode": "normal",
    "cmi.suspend_data": "",
    "cmi.launch_data": "",
    "cmi.comments": "",
    "cmi.comments_from_lms": "",
    "cmi.student_data.mastery_score": "",
    "cmi.student_data.max_time_allowed": "",
    "cmi.student_data.time_limit_action": ""
  };

  function copy(o) {
    var c = {};
    for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) c[k] = o[k];
    return c;
  }

  /** A runtime for one launch of a SCO. options:
   *   profile     a profile from profiles.js (default: strict)
   *   cmi         flattened values the LMS loads before LMSInitialize, over DEFAULT_CMI
   *   idleSeconds session expiry after this many idle seconds (profiles that have one)
   *   latencyMs   how long a commit takes to reach the LMS's store (profiles with
   *               commitLatencyMs): one still on its way when the course unloads is lost
   *   now         () -> ms, the clock (tests pass their own)
   *   onCall      (entry) after every API call: {seq, t, fn, args, result, error, diagnostic}
   *   onPersist   (snapshot, how) when the LMS stores the CMI: how = "commit" | "finish"
   */
  function Runtime(options) {
    options = options || {};
    var profiles = root.CbtPreview && root.CbtPreview.profiles;
    this.profile = options.profile || (profiles && profiles.get("strict")) || {};
    this.now = options.now || function () { return Date.now(); };
    this.onCall = options.onCall || function () {};
    this.onPersist = options.onPersist || function () {};
    this.idleSeconds = options.idleSeconds === undefined ? this.profile.idleSeconds : options.idleSeconds;
    this.latencyMs = options.latencyMs === undefined ? this.profile.commitLatencyMs || 0 : options.latencyMs;
    this.lost = []; // acknowledged commits that never reached the store: {how, seq}
    this.inflight = 0; // acknowledged commits on their way to the store
    this.values = copy(DEFAULT_CMI);
    var preload = options.cmi || {};
    for (var k in preload) if (typeof preload[k] === "string") this.values[k] = preload[k];
    this.counts = countsOf(this.values);
    this.state = STATE.NEW;
    this.error = ERR.NONE;
    this.diagnostic = "";
    this.unloading = false;
    this.expiredBecause = "";
    this.log = [];
    this.persisted = null;
    this.lastActivity = this.now();
    this.started = this.lastActivity;
    this.api = makeApi(this);
  }

  /** Array sizes implied by preloaded keys (an LMS restoring stored interactions). */
  function countsOf(values) {
    var counts = {};
    Object.keys(values).forEach(function (name) {
      resolve(name).arrays.forEach(function (a) {
        counts[a[0]] = Math.max(counts[a[0]] || 0, a[1] + 1);
      });
    });
    return counts;
  }

  Runtime.prototype.fail = function (code, diagnostic) {
    this.error = code;
    this.diagnostic = diagnostic || ERROR_TEXT[code];
    return false;
  };

  /** Is a session open for Get/Set/Commit/Finish? Sets the error when not. */
  Runtime.prototype.running = function (fn) {
    if (this.state === STATE.EXPIRED || this.idleExpired()) {
      return this.fail(ERR.GENERAL, "The LMS session has expired (" + this.expiredBecause + "); " +
        fn + " cannot reach the LMS. Relaunch the course.");
    }
    if (this.state === STATE.NEW) {
      // RTE 1.2 3.3: LMSInitialize("") comes before any Get/Set/Commit/Finish.
      return this.fail(ERR.NOT_INITIALIZED, fn + " before LMSInitialize");
    }
    if (this.state === STATE.FINISHED) {
      // RTE 1.2 3.3: after LMSFinish only the three error functions may be called.
      return this.fail(ERR.NOT_INITIALIZED, fn + " after LMSFinish: the session is over");
    }
    this.lastActivity = this.now();
    return true;
  };

  /** Idle expiry (profiles with idleSeconds): checked lazily on every call and by the panel. */
  Runtime.prototype.idleExpired = function () {
    if (this.state === STATE.EXPIRED) return true;
    if (this.state !== STATE.RUNNING || !this.idleSeconds) return false;
    if (this.now() - this.lastActivity < this.idleSeconds * 1000) return false;
    this.expire(this.idleSeconds + " s without a call");
    return true;
  };

  /** End the session from the LMS side: every later call fails with 101. */
  Runtime.prototype.expire = function (why) {
    if (this.state === STATE.FINISHED || this.state === STATE.EXPIRED) return;
    this.state = STATE.EXPIRED;
    this.expiredBecause = why || "ended by the LMS";
  };

  /** A copy of everything the LMS holds, write-only elements included (the LMS's view). */
  Runtime.prototype.snapshot = function () {
    return copy(this.values);
  };

  Runtime.prototype.persist = function (how) {
    if (!this.latencyMs) {
      this.persisted = this.snapshot();
      this.onPersist(this.persisted, how);
      return;
    }
    // An LMS that stores asynchronously (profiles with commitLatencyMs): the commit is
    // acknowledged now and lands later; a request still on its way when the course window
    // unloads is aborted by the browser, so that data is lost.
    var self = this;
    var snapshot = this.snapshot();
    var seq = this.log.length + 1;
    if (this.unloading) {
      this.lost.push({ how: how, seq: seq });
      return;
    }
    this.inflight += 1;
    root.setTimeout(function () {
      self.inflight -= 1;
      if (self.unloading) {
        self.lost.push({ how: how, seq: seq });
        return;
      }
      self.persisted = snapshot;
      self.onPersist(snapshot, how);
    }, this.latencyMs);
  };

  /** Argument check shared by LMSInitialize/LMSFinish/LMSCommit (RTE 1.2 3.3: they take
   * exactly the empty string; anything else is 201). */
  function emptyArgument(rt, fn, args) {
    if (args.length === 1 && args[0] === "") return true;
    return rt.fail(ERR.INVALID_ARGUMENT, fn + ' takes exactly one argument, the empty string ""');
  }

  function elementName(rt, fn, name) {
    if (typeof name === "string" && name !== "") return true;
    // RTE 1.2 3.3: every argument is a string; an element name cannot be empty.
    return rt.fail(ERR.INVALID_ARGUMENT, fn + " needs a data model element name as a string");
  }

  Runtime.prototype.initialize = function (args) {
    if (!emptyArgument(this, "LMSInitialize", args)) return false;
    if (this.state === STATE.EXPIRED || this.idleExpired()) return this.running("LMSInitialize");
    if (this.state !== STATE.NEW) {
      // RTE 1.2 3.3, LMSInitialize: once per launch, also after LMSFinish (101).
      return this.fail(ERR.GENERAL, "LMSInitialize was already called in this session");
    }
    this.state = STATE.RUNNING;
    this.lastActivity = this.started = this.now();
    return true;
  };

  Runtime.prototype.finish = function (args) {
    if (!emptyArgument(this, "LMSFinish", args)) return false;
    if (!this.running("LMSFinish")) return false;
    // RTE 1.2 3.4 cmi.core.lesson_status: what the LMS decides at the end of the session.
    var status = this.profile.finishStatus ? this.profile.finishStatus(this.values)
      : strictFinishStatus(this.values);
    if (status) this.values["cmi.core.lesson_status"] = status;
    this.state = STATE.FINISHED;
    // LMSFinish commits implicitly (RTE 1.2 3.3): what the SCO set is stored.
    this.persist("finish");
    return true;
  };

  /** RTE 1.2 3.4, cmi.core.lesson_status: if the SCO never set a status, the LMS records
   * "completed" (or "browsed" in browse mode); then, with credit and a mastery score, a raw
   * score decides passed or failed. A status the SCO set is left alone. */
  function strictFinishStatus(v) {
    if (v["cmi.core.lesson_status"] !== CMI.STATUS.NOT_ATTEMPTED) return "";
    if (v["cmi.core.lesson_mode"] === "browse") return CMI.STATUS.BROWSED;
    return masteryStatus(v) || CMI.STATUS.COMPLETED;
  }

  /** passed/failed from score.raw against the mastery score, with credit in normal mode;
   * "" when that does not apply (no mastery score, no raw score, no credit). */
  function masteryStatus(v) {
    var mastery = v["cmi.student_data.mastery_score"];
    var raw = v["cmi.core.score.raw"];
    if (v["cmi.core.credit"] !== "credit" || v["cmi.core.lesson_mode"] !== "normal") return "";
    if (mastery === "" || mastery === undefined || raw === "" || raw === undefined) return "";
    return parseFloat(raw) >= parseFloat(mastery) ? CMI.STATUS.PASSED : CMI.STATUS.FAILED;
  }

  Runtime.prototype.commit = function (args) {
    if (!emptyArgument(this, "LMSCommit", args)) return false;
    if (!this.running("LMSCommit")) return false;
    var refusal = this.profile.commit ? this.profile.commit(this) : "";
    if (refusal) return this.fail(ERR.GENERAL, refusal);
    this.persist("commit");
    return true;
  };

  Runtime.prototype.getValue = function (args) {
    var name = args[0];
    if (!this.running("LMSGetValue")) return "";
    if (!elementName(this, "LMSGetValue", name)) return "";
    // Profiles whose LMS answers "" (and no error) for elements it does not return.
    if ((this.profile.blankReads || []).indexOf(name) >= 0) return "";
    var r = resolve(name);
    if (!r.spec) return this.fail(unknownError(r), name + " is not a SCORM 1.2 data model element") || "";
    // RTE 1.2 3.4: reading a write-only element (cmi.core.exit, cmi.core.session_time, every
    // cmi.interactions.n.* but the _count keywords) is 404.
    if (r.spec.access === "W") return this.fail(ERR.WRITE_ONLY, name + " is write only") || "";
    var missing = this.missingEntry(r, false);
    if (missing) return this.fail(ERR.INVALID_ARGUMENT, missing) || "";
    if (r.spec.value !== undefined) return r.spec.value;
    if (r.spec.count) return String(this.counts[name.slice(0, -"._count".length)] || 0);
    var value = this.values[name];
    return value === undefined ? "" : value;
  };

  /** RTE 1.2 3.4, arrays: an index must be an existing entry, or on a set the next new one
   * (n equal to _count). Returns why not, or "". */
  Runtime.prototype.missingEntry = function (r, setting) {
    for (var i = 0; i < r.arrays.length; i++) {
      var array = r.arrays[i][0];
      var index = r.arrays[i][1];
      var count = this.counts[array] || 0;
      if (index < count || (setting && index === count)) continue;
      return setting
        ? array + "." + index + " skips ahead: " + array + "._count is " + count +
          ", so the next new entry is " + count
        : array + " has no entry " + index + " (" + array + "._count is " + count + ")";
    }
    return "";
  };

  Runtime.prototype.setValue = function (args) {
    var name = args[0];
    var value = args[1];
    if (!this.running("LMSSetValue")) return false;
    if (!elementName(this, "LMSSetValue", name)) return false;
    if (typeof value !== "string") {
      // RTE 1.2 3.3: LMSSetValue(element, value) takes the value as a string.
      return this.fail(ERR.INVALID_ARGUMENT, "the value for " + name + " must be a string, not " +
        (value === null ? "null" : typeof value));
    }
    var r = resolve(name);
    if (!r.spec) return this.fail(unknownError(r), name + " is not a SCORM 1.2 data model element");
    // RTE 1.2 3.4: keywords (_children, _count, _version) cannot be set (402); read-only
    // elements neither (403).
    if (r.spec.access === "K") return this.fail(ERR.KEYWORD, name + " is a keyword");
    if (r.spec.access === "R") return this.fail(ERR.READ_ONLY, name + " is read only");
    var missing = this.missingEntry(r, true);
    if (missing) return this.fail(ERR.INVALID_ARGUMENT, missing);
    var problem = CHECK[r.spec.check](value, this.checkContext(r));
    // RTE 1.2 3.3, error 405: a value outside the element's data type, vocabulary or range.
    if (problem) return this.fail(ERR.BAD_TYPE, name + ": " + problem);
    var self = this;
    r.arrays.forEach(function (a) {
      if (a[1] === (self.counts[a[0]] || 0)) self.counts[a[0]] = a[1] + 1;
    });
    var stored = this.profile.onSet ? this.profile.onSet(name, value, this.values[name] || "") : value;
    this.values[name] = stored;
    return true;
  };

  Runtime.prototype.checkContext = function (r) {
    var limits = this.profile.limits || {};
    var ctx = {
      typeName: r.spec.type,
      limit: limits[r.template] || (r.spec.type === "CMIString255" ? CMI.LIMIT.LOCATION : CMI.LIMIT.SUSPEND),
      decimalDigits: this.profile.decimalDigits || 0,
      profileName: this.profile.name || "strict",
      range: r.spec.range
    };
    if (r.spec.check === "feedback") {
      var n = r.arrays[0][1];
      ctx.interactionType = this.values["cmi.interactions." + n + ".type"];
      ctx.pattern = /\.pattern$/.test(r.template);
    }
    return ctx;
  };

  /** The 8 functions, each logged (RTE 1.2 3.3: strings in, strings out). */
  function makeApi(rt) {
    function record(fn, args, result) {
      var entry = { seq: rt.log.length + 1, t: rt.now() - rt.started, fn: fn,
        args: args.map(function (a) { return a === undefined ? null : a; }),
        result: result, error: rt.error, diagnostic: rt.error === ERR.NONE ? "" : rt.diagnostic,
        unloading: rt.unloading };
      rt.log.push(entry);
      rt.onCall(entry);
      return result;
    }
    function flag(ok) { return ok ? "true" : "false"; }
    function call(fn, impl, toResult) {
      return function () {
        var args = Array.prototype.slice.call(arguments);
        // Each of the five functions sets the error anew: 0 unless it fails (RTE 1.2 3.3).
        rt.error = ERR.NONE;
        rt.diagnostic = "";
        return record(fn, args, toResult(impl.call(rt, args)));
      };
    }
    var api = {
      LMSInitialize: call("LMSInitialize", rt.initialize, flag),
      LMSFinish: call("LMSFinish", rt.finish, flag),
      LMSGetValue: call("LMSGetValue", rt.getValue, function (v) { return v === false ? "" : v; }),
      LMSSetValue: call("LMSSetValue", rt.setValue, flag),
      LMSCommit: call("LMSCommit", rt.commit, flag),
      // The error functions work in every state and leave the last error as it is.
      LMSGetLastError: function () {
        // Profiles with silentErrors answer "0" whatever happened (the log keeps the truth).
        return record("LMSGetLastError", [], rt.profile.silentErrors ? ERR.NONE : rt.error);
      },
      LMSGetErrorString: function (code) {
        var text = ERROR_TEXT[String(code)];
        return record("LMSGetErrorString", [code], text === undefined ? "" : text);
      },
      LMSGetDiagnostic: function (code) {
        var mine = code === "" || code === undefined || String(code) === rt.error;
        var text = mine ? rt.diagnostic : ERROR_TEXT[String(code)] || "";
        return record("LMSGetDiagnostic", [code], text);
      }
    };
    return api;
  }

  // ---- between launches -------------------------------------------------------------------

  function centiseconds(span) {
    var m = /^(\d+):(\d{2}):(\d{2})(?:\.(\d{1,2}))?$/.exec(span || "");
    if (!m) return 0;
    return (((+m[1] * 60) + +m[2]) * 60 + +m[3]) * 100 + +((m[4] || "0") + "0").slice(0, 2);
  }

  /** The CMI an LMS hands to the next launch from what it stored (RTE 1.2 3.4):
   * cmi.core.entry is "resume" only when the stored exit was "suspend", else ""; total_time
   * adds up the session_time; exit and session_time belong to one session and are dropped.
   * ``persisted`` null means a first launch: entry "ab-initio". ``base`` holds what the LMS
   * sets on every launch (learner, manifest data). */
  function nextLaunch(persisted, base) {
    var out = copy(DEFAULT_CMI);
    var k;
    if (persisted) {
      for (k in persisted) {
        if (k !== "cmi.core.exit" && k !== "cmi.core.session_time") out[k] = persisted[k];
      }
      out["cmi.core.entry"] = persisted["cmi.core.exit"] === CMI.EXIT.SUSPEND ? "resume" : "";
      var total = centiseconds(persisted["cmi.core.total_time"]) +
        centiseconds(persisted["cmi.core.session_time"]);
      out["cmi.core.total_time"] = CMI.timespan(total * 10);
    }
    for (k in base || {}) out[k] = base[k];
    return out;
  }

  /** The runtime's verdicts for a recorded call sequence, in a fresh runtime:
   * [{fn, args, result, error}] (the shape of tests/lms/host.js's replay, for comparison).
   * ``Kind``: the runtime class (runtime2004.js replays with its own). */
  function replay(calls, options, Kind) {
    var rt = new (Kind || Runtime)(options);
    return calls.map(function (c) {
      var fn = rt.api[c.fn];
      if (!fn) return { fn: c.fn, args: c.args || [], result: null, error: null, invalid: "not an API function" };
      var result = fn.apply(null, (c.args || []).slice());
      var entry = rt.log[rt.log.length - 1];
      return { fn: c.fn, args: entry.args, result: result, error: rt.error, diagnostic: entry.diagnostic };
    });
  }

  var ns = root.CbtPreview = root.CbtPreview || {};
  ns.runtime = {
    Runtime: Runtime, STATE: STATE, ERROR_TEXT: ERROR_TEXT, MODEL: MODEL, DEFAULT_CMI: DEFAULT_CMI,
    CHECK: CHECK, resolve: resolve, nextLaunch: nextLaunch, replay: replay,
    masteryStatus: masteryStatus, strictFinishStatus: strictFinishStatus, centiseconds: centiseconds
  };
})(globalThis);
