/*
 * The test LMS host page: scorm-again's Scorm12API as window.API, a recorded and (optionally)
 * fault-injecting wrapper around its 8 functions, and the course in an iframe.
 *
 * CONFIG
 *   Read from window.LMS_CONFIG (tests/e2e/lms.py sets it with page.add_init_script before the
 *   page loads, only in the top window so the SCO never sees it), or else from the URL:
 *   host.html?config=<URL-encoded JSON> (handy by hand). Every field is optional:
 *
 *   {
 *     "launch":   "/course/demo/index.html",  // iframe src; null/absent = no course (replay only)
 *     "window":   "frame" (default) | "popup" | "both",  // popup: window.open, as SuccessFactors
 *                 // does; the SCO then finds API through window.opener (RTE 1.2 3.3.6.1).
 *                 // both: the iframe, then (once it has loaded) the pop-up too, two instances
 *                 // of the SCO on one API, as the Open edX SCORM XBlock's pop-up mode runs them
 *     "blankReads": ["cmi.core.lesson_status", ...],  // LMSGetValue of these answers "" with
 *                 // error 0 and is not forwarded (the Open edX SCORM XBlock answers "" for
 *                 // lesson_status, score.raw, interactions._count, entry, mastery_score and
 *                 // lesson_mode); logged with blanked: true
 *     "cmi":      {"cmi.core.student_id": "u1", ...},
 *                 // flattened CMI preloaded before LMSInitialize, merged over DEFAULT_CMI below;
 *                 // a null value removes a default. Read-only values (student_id, credit,
 *                 // entry, lesson_mode, total_time, mastery_score, launch_data ...) can only be
 *                 // set here. Loaded with scorm-again's loadFromFlattenedJSON.
 *     "settings": {...},  // extra Scorm12API settings (JSON values), merged over DEFAULT_SETTINGS.
 *                         // With autocommit: true, scorm-again's scheduled commits call its
 *                         // internal commit(), not LMSCommit: they are not in lmsLog nor in
 *                         // lmsCommits.
 *     "faults":   {...}   // see FAULTS below
 *   }
 *
 *   mastery_override is set explicitly: true when cmi.student_data.mastery_score is non-empty
 *   (Moodle's default "masteryoverride"), false otherwise, unless settings say otherwise.
 *   scorm-again 3.4.3 only applies it inside LMSFinish (storeData(terminate)), in lesson_mode
 *   "normal" with credit "credit" and a non-empty score.raw: status = raw >= mastery ? passed :
 *   failed, whatever the SCO set (even "incomplete" or "completed"). LMSCommit never changes it.
 *
 * WHAT THE PAGE EXPOSES (all plain data, read by tests/e2e/lms.py)
 *   window.API            the wrapped Scorm12API (the SCO finds it through window.parent)
 *   window.lmsApi         the same object (unwrapped methods are on its prototype)
 *   window.lmsLog         [{seq, fn, args, result, error, t, faulted?}] one entry per call of
 *                         any of the 8 functions. error = the API's last error code read right
 *                         after the call (scorm-again's lastErrorCode getter, which is what
 *                         LMSGetLastError returns, read without firing its listeners); for an
 *                         injected fault it is the injected code. t = ms since page start.
 *                         args are copied; undefined becomes null, non-primitives their String().
 *   window.lmsMessages    [{level, message, seq, t, source}] scorm-again's own log messages at
 *                         WARN and ERROR (settings.onLogMessage) plus its direct console.warn /
 *                         console.error calls in this window (source "console": it normalises
 *                         exit "normal" -> "" and result "incorrect" -> "wrong" that way). seq is
 *                         the call being handled (0 = outside any call, e.g. the preload).
 *   window.lmsCommits     [{seq, fn, cmi, current_total_time}] what the LMS "persisted": a
 *                         flattened CMI snapshot after every LMSCommit / LMSFinish that returned
 *                         "true" with error "0". cmi includes cmi.core.total_time as preloaded;
 *                         current_total_time is scorm-again's getCurrentTotalTime() (preloaded
 *                         total + session_time), what it sends as total_time on a terminate commit.
 *   window.lmsEvents      [{type, t, ...}] host-side events: "course-loaded", "course-unloaded".
 *   window.lmsDropCommits()  from now on LMSCommit and LMSFinish still go to scorm-again and
 *                         answer "true", but what they would persist is lost: it goes to
 *                         window.lmsLost, not lmsCommits (an LMS that acknowledges a commit
 *                         whose request is then aborted as the window closes).
 *   window.lmsPreload     {cmi, errors} the preload actually used and the error messages
 *                         scorm-again logged while loading it (a bad preload is a test bug).
 *   window.lmsReady       true once the API exists (before the iframe is created).
 *   window.lmsCmi()       scorm-again's CMI as nested JSON (renderCMIToJSONObject().cmi) with
 *                         core.total_time added: scorm-again's export leaves total_time out.
 *   window.lmsFlatCmi()   the same flattened: {"cmi.core.lesson_status": "...", ...}.
 *   window.lmsState()     "not initialized" | "initialized" | "terminated".
 *   window.lmsUnloadCourse(how)  "navigate" (default): iframe -> about:blank, or "remove": remove
 *                         the iframe. Both make Chromium run the SCO's pagehide and unload
 *                         handlers. Resolves when done.
 *   window.replay(calls, options)  see REPLAY below.
 *
 * FAULTS (a failing LMS)
 *   faults: {
 *     initialize | finish | getValue | setValue | commit: RULE or [RULE, ...]
 *   }
 *   RULE = {
 *     match: "cmi.suspend_data"   // getValue/setValue only: the element, exact, or a prefix
 *                                 // ending in "*" ("cmi.interactions.*"); absent = any element
 *     skip: 0,                    // let this many matching calls through first
 *     times: 3,                   // then fail this many (absent = every later matching call)
 *     error: "101"                // the error code to report (default 101 general exception)
 *   }
 *   A faulted call is NOT forwarded to scorm-again (nothing is stored, no state changes): it
 *   returns "false" ("" for LMSGetValue) and is logged with faulted: true and error = the code.
 *   Until the next non-error call, LMSGetLastError() returns that code, LMSGetErrorString(code)
 *   is scorm-again's text for it ("General Exception" for 101) and LMSGetDiagnostic("" or code)
 *   returns "Injected fault (test LMS): <fn> <element>". The next Initialize/Finish/GetValue/
 *   SetValue/Commit that is not faulted clears that state and goes to scorm-again as usual.
 *   Rules of one function are tried in order; the first that fires wins. Counters are in
 *   window.lmsFaultState.
 *
 * REPLAY (checking another runtime's verdicts)
 *   window.replay(calls, options) feeds [{fn, args}, ...] (extra keys, e.g. a whole lmsLog
 *   entry, are ignored) into a FRESH Scorm12API built with the same settings and preload as the
 *   page (options.cmi / options.settings replace the page's config.cmi / config.settings), no
 *   wrapper, no faults, no iframe. Returns [{fn, args, result, error}] where error is the last
 *   error code right after the call. An unknown fn gives result null, error null and
 *   invalid: "<why>". The replay API's messages and final CMI are left in window.lastReplay
 *   = {messages, cmi}. window.API is not touched.
 *
 * SCORM 2004 (host2004.html)
 *   The same page over scorm-again's Scorm2004API when host2004.html loads its scorm2004.js
 *   bundle instead of scorm12.js: window.API_1484_11 with the 2004 RTE's 8 functions
 *   (Initialize, Terminate, GetValue, SetValue, Commit, GetLastError, GetErrorString,
 *   GetDiagnostic), 2004 default preload (cmi.learner_id, cmi.mode, cmi.entry ...), the same
 *   log, faults (keys initialize/finish/getValue/setValue/commit map to Initialize/Terminate/
 *   ...), commits and replay. window.lmsStandard says which: "scorm12" | "scorm2004".
 *
 * Two scorm-again details this file works around:
 *   - its LoggingService is a process-wide singleton: a second Scorm12API's onLogMessage would
 *     replace the first one's, so every API here gets the same router (routeLog) and replay
 *     swaps the router's sink while it runs.
 *   - the flattened export contains empty {} objects for empty arrays; only string values are
 *     kept in lmsFlatCmi() and in snapshots.
 */
(function () {
  "use strict";

  var START = performance.now();
  function now() {
    return Math.round((performance.now() - START) * 10) / 10;
  }

  var STANDARDS = {
    scorm12: {
      ctor: "Scorm12API",
      global: "API",
      functions: ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
        "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
      roles: { initialize: "LMSInitialize", finish: "LMSFinish", getValue: "LMSGetValue",
        setValue: "LMSSetValue", commit: "LMSCommit", getLastError: "LMSGetLastError",
        getErrorString: "LMSGetErrorString", getDiagnostic: "LMSGetDiagnostic" },
      totalTime: function (cmi) { return cmi.core; },
      defaults: {
        "cmi.core.student_id": "learner-001",
        "cmi.core.student_name": "Learner, Test",
        "cmi.core.credit": "credit",
        "cmi.core.lesson_mode": "normal",
        "cmi.core.entry": "ab-initio",
        "cmi.core.lesson_status": "not attempted",
        "cmi.core.total_time": "0000:00:00"
      }
    },
    scorm2004: {
      ctor: "Scorm2004API",
      global: "API_1484_11",
      functions: ["Initialize", "Terminate", "GetValue", "SetValue", "Commit",
        "GetLastError", "GetErrorString", "GetDiagnostic"],
      roles: { initialize: "Initialize", finish: "Terminate", getValue: "GetValue",
        setValue: "SetValue", commit: "Commit", getLastError: "GetLastError",
        getErrorString: "GetErrorString", getDiagnostic: "GetDiagnostic" },
      totalTime: function (cmi) { return cmi; },
      defaults: {
        "cmi.learner_id": "learner-001",
        "cmi.learner_name": "Learner, Test",
        "cmi.credit": "credit",
        "cmi.mode": "normal",
        "cmi.entry": "ab-initio",
        "cmi.total_time": "PT0S"
      }
    }
  };
  var STANDARD_NAME = window.Scorm2004API && !window.Scorm12API ? "scorm2004" : "scorm12";
  var STANDARD = STANDARDS[STANDARD_NAME];
  var R = STANDARD.roles;
  var DEFAULT_CMI = STANDARD.defaults;

  var DEFAULT_SETTINGS = {
    autocommit: false,
    lmsCommitUrl: false, // nothing is sent anywhere; a commit returns "true" with error 0
    logLevel: 3, // WARN and ERROR reach routeLog (1 DEBUG, 2 INFO, 3 WARN, 4 ERROR, 5 NONE)
    autoCompleteLessonStatus: false
  };

  var API_FUNCTIONS = STANDARD.functions;
  var ERROR_FUNCTIONS = {};
  [R.getLastError, R.getErrorString, R.getDiagnostic].forEach(function (fn) {
    ERROR_FUNCTIONS[fn] = 1;
  });
  var FAULT_KEYS = {};
  ["initialize", "finish", "getValue", "setValue", "commit"].forEach(function (key) {
    FAULT_KEYS[R[key]] = key;
  });
  var LEVEL_NAMES = { 1: "DEBUG", 2: "INFO", 3: "WARN", 4: "ERROR", 5: "NONE" };

  function readConfig() {
    if (window.LMS_CONFIG) {
      return window.LMS_CONFIG;
    }
    var raw = new URLSearchParams(window.location.search).get("config");
    return raw ? JSON.parse(raw) : {};
  }

  var config = readConfig();
  window.lmsConfig = config;

  // ---- log routing (scorm-again's logger is a singleton, see above) ----
  var mainMessages = [];
  var sink = mainMessages;
  var currentSeq = 0;

  function levelName(level) {
    if (typeof level === "string") {
      return LEVEL_NAMES[level] || level.toUpperCase();
    }
    return LEVEL_NAMES[level] || String(level);
  }

  function routeLog(level, message) {
    sink.push({ level: levelName(level), message: String(message), seq: currentSeq, t: now(),
      source: "scorm-again" });
  }

  ["warn", "error"].forEach(function (name) {
    var original = console[name];
    console[name] = function () {
      var text = Array.prototype.map.call(arguments, String).join(" ");
      sink.push({ level: name === "warn" ? "WARN" : "ERROR", message: text, seq: currentSeq,
        t: now(), source: "console" });
      return original.apply(console, arguments);
    };
  });

  // ---- building an API ----
  function mergedCmi(overrides) {
    var cmi = {};
    var key;
    for (key in DEFAULT_CMI) {
      cmi[key] = DEFAULT_CMI[key];
    }
    overrides = overrides || {};
    for (key in overrides) {
      if (overrides[key] === null || overrides[key] === undefined) {
        delete cmi[key];
      } else {
        cmi[key] = String(overrides[key]);
      }
    }
    return cmi;
  }

  function mergedSettings(cmi, extra) {
    var settings = {};
    var key;
    for (key in DEFAULT_SETTINGS) {
      settings[key] = DEFAULT_SETTINGS[key];
    }
    settings.mastery_override = (cmi["cmi.student_data.mastery_score"] || "") !== "";
    extra = extra || {};
    for (key in extra) {
      settings[key] = extra[key];
    }
    settings.onLogMessage = routeLog;
    return settings;
  }

  // A preload value scorm-again refuses either logs an error or throws (a read-only element's
  // vocabulary check, e.g. lesson_mode "exam"); both end up in errors, one key at a time so
  // the message names the key. Keys go in one loadFromFlattenedJSON call when all are fine,
  // because it orders interactions (id, then type, then the rest) itself.
  function createApi(cmiOverrides, extraSettings, messages) {
    var cmi = mergedCmi(cmiOverrides);
    var settings = mergedSettings(cmi, extraSettings);
    var before = messages.length;
    var errors = [];
    var api = new window[STANDARD.ctor](settings);
    try {
      api.loadFromFlattenedJSON(cmi);
    } catch (e) {
      errors.push("loadFromFlattenedJSON threw: " + e);
      Object.keys(cmi).forEach(function (key) {
        var probe = new window[STANDARD.ctor](settings);
        var one = {};
        one[key] = cmi[key];
        try {
          probe.loadFromFlattenedJSON(one);
        } catch (inner) {
          errors.push(key + " = " + JSON.stringify(cmi[key]) + ": " + inner);
        }
      });
    }
    messages.slice(before).forEach(function (m) {
      if (m.level === "ERROR") {
        errors.push(m.message);
      }
    });
    return { api: api, cmi: cmi, errors: errors };
  }

  function lastError(api) {
    var code = api.lastErrorCode;
    if (code === undefined) {
      code = Object.getPrototypeOf(api).lmsGetLastError.call(api);
    }
    return String(code);
  }

  function copyArg(value) {
    if (value === undefined || value === null) {
      return null;
    }
    var type = typeof value;
    if (type === "string" || type === "number" || type === "boolean") {
      return value;
    }
    return String(value);
  }

  function stringValues(flat) {
    var out = {};
    for (var key in flat) {
      var value = flat[key];
      if (typeof value === "string") {
        out[key] = value;
      } else if (typeof value === "number" || typeof value === "boolean") {
        out[key] = String(value);
      }
    }
    return out;
  }

  function flatCmi(api) {
    var flat = stringValues(api.getFlattenedCMI());
    var key = STANDARD_NAME === "scorm12" ? "cmi.core.total_time" : "cmi.total_time";
    flat[key] = STANDARD.totalTime(api.cmi).total_time;
    return flat;
  }

  function nestedCmi(api) {
    var cmi = api.renderCMIToJSONObject().cmi;
    STANDARD.totalTime(cmi).total_time = STANDARD.totalTime(api.cmi).total_time;
    return cmi;
  }

  // ---- the page's API ----
  var created = createApi(config.cmi, config.settings, mainMessages);
  var api = created.api;
  window.lmsPreload = { cmi: created.cmi, errors: created.errors };

  var log = [];
  var commits = [];
  var lost = [];
  var dropping = false;
  var blankReads = config.blankReads || [];
  var events = [];
  var faultState = { active: null, rules: {} };

  // Normalise the fault rules once: {fnKey: [{match, skip, times, error, seen, fired}]}.
  var faults = config.faults || {};
  Object.keys(faults).forEach(function (key) {
    var rules = Array.isArray(faults[key]) ? faults[key] : [faults[key]];
    faultState.rules[key] = rules.map(function (rule) {
      return {
        match: rule.match === undefined ? null : String(rule.match),
        skip: rule.skip || 0,
        times: rule.times === undefined || rule.times === null ? Infinity : rule.times,
        error: String(rule.error === undefined ? 101 : rule.error),
        seen: 0,
        fired: 0
      };
    });
  });

  function elementMatches(pattern, element) {
    if (pattern === null) {
      return true;
    }
    if (pattern.charAt(pattern.length - 1) === "*") {
      return String(element).indexOf(pattern.slice(0, -1)) === 0;
    }
    return String(element) === pattern;
  }

  function firingRule(fn, args) {
    var rules = faultState.rules[FAULT_KEYS[fn]];
    if (!rules) {
      return null;
    }
    var element = fn === R.getValue || fn === R.setValue ? args[0] : undefined;
    for (var i = 0; i < rules.length; i++) {
      var rule = rules[i];
      if (rule.match !== null && element === undefined) {
        continue;
      }
      if (!elementMatches(rule.match, element)) {
        continue;
      }
      rule.seen += 1;
      if (rule.seen > rule.skip && rule.fired < rule.times) {
        rule.fired += 1;
        return rule;
      }
    }
    return null;
  }

  function wrap(fn) {
    var original = api[fn];
    api[fn] = function () {
      var args = Array.prototype.slice.call(arguments);
      var seq = log.length + 1;
      var entry = { seq: seq, fn: fn, args: args.map(copyArg), result: null, error: null,
        t: now() };
      log.push(entry);
      var outerSeq = currentSeq;
      currentSeq = seq;
      try {
        var result;
        if (ERROR_FUNCTIONS[fn] && faultState.active) {
          var active = faultState.active;
          if (fn === R.getLastError) {
            result = active.code;
          } else if (fn === R.getDiagnostic && (args[0] === "" || String(args[0]) === active.code)) {
            result = active.diagnostic;
          } else {
            result = original.apply(api, arguments);
          }
          entry.result = result;
          entry.error = active.code;
          return result;
        }
        if (!ERROR_FUNCTIONS[fn]) {
          var rule = firingRule(fn, args);
          if (rule) {
            faultState.active = {
              code: rule.error,
              diagnostic: "Injected fault (test LMS): " + fn +
                (args.length ? " " + String(args[0]) : "")
            };
            result = fn === R.getValue ? "" : "false";
            entry.result = result;
            entry.error = rule.error;
            entry.faulted = true;
            return result;
          }
          faultState.active = null;
        }
        if (fn === "LMSGetValue" && blankReads.indexOf(args[0]) >= 0) {
          entry.result = "";
          entry.error = "0";
          entry.blanked = true;
          return "";
        }
        result = original.apply(api, arguments);
        entry.result = copyArg(result);
        entry.error = lastError(api);
        if ((fn === R.commit || fn === R.finish) && result === "true" && entry.error === "0") {
          (dropping ? lost : commits).push({ seq: seq, fn: fn, cmi: flatCmi(api),
            current_total_time: api.cmi.getCurrentTotalTime() });
        }
        return result;
      } finally {
        currentSeq = outerSeq;
      }
    };
  }
  API_FUNCTIONS.forEach(wrap);

  window[STANDARD.global] = api;
  window.lmsStandard = STANDARD_NAME;
  window.lmsApi = api;
  window.lmsLog = log;
  window.lmsMessages = mainMessages;
  window.lmsCommits = commits;
  window.lmsLost = lost;
  window.lmsDropCommits = function () {
    dropping = true;
  };
  window.lmsEvents = events;
  window.lmsFaultState = faultState;
  window.lmsCmi = function () {
    return nestedCmi(api);
  };
  window.lmsFlatCmi = function () {
    return flatCmi(api);
  };
  window.lmsState = function () {
    if (api.isTerminated()) {
      return "terminated";
    }
    return api.isInitialized() ? "initialized" : "not initialized";
  };

  // ---- replay ----
  window.replay = function (calls, options) {
    options = options || {};
    var messages = [];
    var previousSink = sink;
    var previousSeq = currentSeq;
    sink = messages;
    var out = [];
    try {
      var fresh = createApi(
        options.cmi !== undefined ? options.cmi : config.cmi,
        options.settings !== undefined ? options.settings : config.settings,
        messages
      ).api;
      calls.forEach(function (call, index) {
        var fn = call.fn;
        var args = (call.args || []).slice();
        currentSeq = index + 1;
        if (API_FUNCTIONS.indexOf(fn) < 0) {
          out.push({ fn: fn, args: args, result: null, error: null,
            invalid: "not one of the 8 API functions of " + STANDARD_NAME });
          return;
        }
        var result = fresh[fn].apply(fresh, args);
        out.push({ fn: fn, args: args.map(copyArg), result: copyArg(result),
          error: lastError(fresh) });
      });
      window.lastReplay = { messages: messages, cmi: flatCmi(fresh) };
    } finally {
      sink = previousSink;
      currentSeq = previousSeq;
    }
    return out;
  };

  window.lmsReady = true;

  // ---- the course ----
  var frame = null;
  window.lmsCourseLoaded = false;

  var popup = null;

  window.lmsUnloadCourse = function (how) {
    return new Promise(function (resolve) {
      if (popup) {
        // Closing the learner's window: pagehide and unload run in it.
        popup.close();
        popup = null;
        events.push({ type: "course-unloaded", how: "close-window", t: now() });
        if (!frame) {
          resolve(true);
          return;
        }
      }
      if (!frame) {
        resolve(false);
        return;
      }
      var done = function () {
        events.push({ type: "course-unloaded", how: how || "navigate", t: now() });
        resolve(true);
      };
      if (how === "remove") {
        frame.parentNode.removeChild(frame);
        frame = null;
        done();
        return;
      }
      frame.addEventListener("load", done, { once: true });
      frame.src = "about:blank";
    });
  };

  function openPopup() {
    popup = window.open(config.launch, "course-window");
    popup.addEventListener("load", function () {
      window.lmsCourseLoaded = true;
      events.push({ type: "course-loaded", url: String(config.launch), t: now() });
    }, { once: true });
  }

  if (config.launch && config.window === "popup") {
    openPopup();
  } else if (config.launch) {
    frame = document.createElement("iframe");
    frame.id = "course";
    frame.name = "course";
    frame.title = "Course";
    frame.addEventListener("load", function () {
      if (config.window === "both") {
        events.push({ type: "frame-loaded", url: String(config.launch), t: now() });
        openPopup();
      } else if (!window.lmsCourseLoaded) {
        window.lmsCourseLoaded = true;
        events.push({ type: "course-loaded", url: String(config.launch), t: now() });
      }
    }, { once: true });
    frame.src = config.launch;
    document.body.appendChild(frame);
  }
})();
