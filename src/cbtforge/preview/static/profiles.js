/* profiles.js - LMS profiles: the strict SCORM 1.2 runtime (runtime.js) plus the documented
 * behaviour of a real LMS, as small overrides. A profile may set:
 *   limits        {element template: max characters} for CMIString255/4096 elements
 *   decimalDigits at most this many integer digits in a CMIDecimal
 *   finishStatus  (values) -> the lesson_status the LMS records at LMSFinish, or ""
 *   onSet         (element, value, previous) -> the value the LMS stores
 *   commit        (runtime) -> "" to accept an LMSCommit, or why it is refused (error 101)
 *   idleSeconds   the session expires after this many seconds without a call
 *   blankReads    elements LMSGetValue answers "" for (error 0), whatever is stored
 *   silentErrors  true: LMSGetLastError always answers "0"
 *   commitLatencyMs  a commit is acknowledged at once and stored this much later; one still
 *                 on its way when the course window unloads is lost
 * Everything else is the strict runtime. ``behaviour`` and ``source`` are shown in the panel
 * and in the README's profile table. Exposes CbtPreview.profiles. */
(function (root) {
  "use strict";
  var runtime = root.CbtPreview.runtime;

  // RTE 1.2 3.4: CMIString255 (lesson_location, student_preference.language) and
  // CMIString4096 (suspend_data, comments).
  var SCORM_LIMITS = {
    "cmi.core.lesson_location": 255,
    "cmi.student_preference.language": 255,
    "cmi.suspend_data": 4096,
    "cmi.comments": 4096
  };
  var MOODLE_LIMIT = 64000;

  function over(base, extra) {
    var p = {};
    var k;
    for (k in base) p[k] = base[k];
    for (k in extra) p[k] = extra[k];
    return p;
  }

  var strict = {
    name: "strict",
    label: "Strict SCORM 1.2",
    behaviour: "The letter of SCORM 1.2: exact vocabularies and formats, read-only and write-only " +
      "elements, call order (nothing before LMSInitialize or after LMSFinish), lesson_location " +
      "over 255 and suspend_data over 4,096 characters refused with 405. A status the course " +
      "never set becomes completed at LMSFinish, then passed or failed from the mastery score.",
    source: "ADL SCORM 1.2 Run-Time Environment, sections 3.3 (API, error codes) and 3.4 (data " +
      "model); the stricter readings the ADL 1.2 test suite and Moodle's \"scormstandard\" mode share.",
    limits: SCORM_LIMITS
  };

  var moodle = over(strict, {
    name: "moodle",
    label: "Moodle",
    behaviour: "64,000-character lesson_location, suspend_data and comments; CMIDecimal with at " +
      "most 3 integer digits; cmi.comments appends; at LMSFinish, with a mastery score and a raw " +
      "score, the status becomes passed or failed whatever the course set (a raw score below " +
      "the mastery score is recorded as failed).",
    source: "Moodle mod/scorm: datamodels/scorm_12.js (StoreData on LMSFinish, \"masteryoverride\" " +
      "on by default; CMIDecimal ^-?([0-9]{0,3})...), settings.php (\"scormstandard\" off by " +
      "default: 64,000-character strings); checklist sections 5 and 7.",
    limits: {
      "cmi.core.lesson_location": MOODLE_LIMIT,
      "cmi.student_preference.language": MOODLE_LIMIT,
      "cmi.suspend_data": MOODLE_LIMIT,
      "cmi.comments": MOODLE_LIMIT
    },
    decimalDigits: 3,
    finishStatus: function (values) {
      var status = values["cmi.core.lesson_status"];
      var mastered = runtime.masteryStatus(values);
      if (mastered) return mastered;
      return status === "not attempted" ? "completed" : "";
    },
    onSet: function (element, value, previous) {
      return element === "cmi.comments" ? previous + value : value;
    }
  });

  var cornerstone = over(strict, {
    name: "cornerstone",
    label: "Cornerstone",
    behaviour: "LMSCommit returns \"false\" (error 101) while the course window unloads; the data " +
      "is saved by the implicit commit of LMSFinish, so a course that gives up after a failed " +
      "commit, or never calls LMSFinish on unload, loses the learner's last changes.",
    source: "Cornerstone OnDemand behaviour reported by content vendors: LMSCommit during " +
      "unload returns a failure (or null) and only LMSFinish saves; checklist \"Known LMS behaviour\".",
    commit: function (rt) {
      return rt.unloading ? "LMSCommit during unload is refused (cornerstone profile); " +
        "LMSFinish will save the data" : "";
    }
  });

  var successfactors = over(strict, {
    name: "successfactors",
    label: "SuccessFactors",
    behaviour: "The LMS session expires after an idle time (30 minutes by default, " +
      "--idle-timeout to change it, or \"Expire session now\"); every later call fails with " +
      "101 and nothing more is saved, so a relaunch resumes from the last commit.",
    source: "SAP SuccessFactors Learning: content opens in a new window and the session is " +
      "dropped after 30 idle minutes; checklist \"Known LMS behaviour\".",
    idleSeconds: 1800
  });

  var openedx = over(strict, {
    name: "openedx",
    label: "Open edX",
    behaviour: "LMSGetValue answers \"\" for lesson_status, score.raw, interactions._count, " +
      "entry, mastery_score and lesson_mode; LMSGetLastError is always \"0\"; LMSCommit " +
      "and LMSFinish answer \"true\" at once and store the data 300 ms later (?latency=MS in " +
      "the page's address to change it), so what the course writes in its last moments, exit at unload " +
      "included, is lost when its window closes; no status is computed at LMSFinish.",
    source: "Open edX SCORM XBlock (openedx-scorm-xblock 19.0.5, static/js/src/scormxblock.js " +
      "and scormxblock.py: asynchronous commit requests, get_value answering only what it " +
      "keeps), run with the Arizona package in the XBlock SDK workbench (cbtforge issue 11).",
    blankReads: ["cmi.core.lesson_status", "cmi.core.score.raw", "cmi.interactions._count",
      "cmi.core.entry", "cmi.student_data.mastery_score", "cmi.core.lesson_mode"],
    silentErrors: true,
    commitLatencyMs: 300,
    finishStatus: function () { return ""; }
  });

  var PROFILES = { strict: strict, moodle: moodle, cornerstone: cornerstone,
    successfactors: successfactors, openedx: openedx };

  root.CbtPreview.profiles = {
    PROFILES: PROFILES,
    names: function () { return Object.keys(PROFILES); },
    get: function (name) { return PROFILES[name] || null; }
  };
})(globalThis);
