/* scorm.js - the LMS adapter: the ONLY file that touches window.API or localStorage.
 *
 * SCORM 1.2 RTE chapter 3: find the API object (3.3.6.1), LMSInitialize("") once, get/set
 * string values, check LMSGetLastError after every call (3.3.3), LMSCommit("") after each
 * meaningful change, LMSFinish("") exactly once. Writes go through an ordered queue: a write
 * the LMS refuses stays queued and is retried (later interactions must not overtake an earlier
 * one, RTE 1.2 3.4.4: n must equal _count), while a copy of the learner's state is kept in
 * localStorage so an LMS failure never loses work (nor an LMS that acknowledges a commit and
 * then loses it: the next launch takes the copy with the higher save count). A lock in
 * localStorage lets one player instance write per course and browser: a second instance on
 * the same learner record (an LMS that opens a pop-up beside a hidden frame) takes over, and
 * the first stops writing. Without an LMS the course runs standalone and keeps its progress
 * in localStorage only. */
(function (CBT) {
  "use strict";
  var ERR = CBT.cmi.ERR;

  // ADL's 1.2 wrapper gives up after 7 parents; LMSs that nest deeper exist, so allow more.
  var MAX_HOPS = 20;
  // Errors that say the value or element is wrong: retrying cannot help, so such a write is
  // dropped after a few tries instead of blocking the queue forever (RTE 1.2 3.3.2).
  var REFUSED = { "201": 1, "401": 1, "402": 1, "403": 1, "404": 1, "405": 1 };
  var REFUSED_TRIES = 3;
  var RETRY_MS = [1000, 2000, 5000, 10000, 30000];

  function findIn(win, name) {
    for (var hops = 0; win && hops <= MAX_HOPS; hops++) {
      try {
        if (win[name]) return win[name];
      } catch (e) { /* a frame on another origin: keep climbing */ }
      var parent;
      try { parent = win.parent; } catch (e) { parent = null; }
      if (!parent || parent === win) break;
      win = parent;
    }
    return null;
  }

  /** RTE 1.2 3.3.6.1: this window and its parents, then the opener and its parents.
   * ``name``: "API" (SCORM 1.2) unless the 2004 layer asks for "API_1484_11". */
  function find(win, name) {
    name = name || "API";
    var api = findIn(win, name);
    var openers = [];
    try { openers.push(win.opener, win.top && win.top.opener); } catch (e) { /* ignore */ }
    for (var i = 0; !api && i < openers.length; i++) if (openers[i]) api = findIn(openers[i], name);
    return api || null;
  }

  function storage(win) {
    try {
      var ls = win.localStorage;
      var probe = "cbtforge:probe";
      ls.setItem(probe, "1");
      ls.removeItem(probe);
      return ls;
    } catch (e) {
      return null; // blocked (privacy settings, some file:// setups)
    }
  }

  function isScalar(el) {
    return el.indexOf("cmi.interactions.") !== 0;
  }

  /** The adapter. ``onHealth(health)`` hears "ok" | "retrying" | "failed". ``api``: an
   * object with the 1.2 API's functions to use instead of searching for window.API (the
   * SCORM 2004 layer, scorm2004.js, passes its bridge, or null for none). */
  function Adapter(win, course, onHealth, api) {
    this.win = win;
    this.course = course;
    this.api = api === undefined ? find(win) : api;
    this.mode = this.api ? "lms" : "local";
    this.store = storage(win);
    this.queue = [];
    this.values = {}; // what we last wrote (standalone data and the local backup)
    this.health = "ok";
    this.onHealth = onHealth || function () {};
    this.initialized = false;
    this.finished = false;
    this.dirty = false; // something written since the last successful commit
    this.retries = 0;
    this.timer = null;
    this.startedAt = Date.now();
    // Course id and structure hash (another version of the course never reads this copy);
    // the learner's cmi.core.student_id is added once known, so a shared PC never hands one
    // learner another's work.
    this.key = "cbtforge:" + course.id + ":" + course.structureHash;
    this.lockKey = "cbtforge-lock:" + course.id + ":" + course.structureHash;
    this.owner = Date.now().toString(36) + Math.random().toString(36).slice(2);
    this.passive = false; // another instance took over: write nothing more
  }

  /** The id of the instance holding the lock, "" when none. */
  Adapter.prototype.lockOwner = function () {
    try { return this.store && this.store.getItem(this.lockKey) || ""; } catch (e) { return ""; }
  };

  /** The newest instance writes: the one the learner opened last is the one in front. */
  Adapter.prototype.takeLock = function () {
    try { if (this.store) this.store.setItem(this.lockKey, this.owner); } catch (e) { /* full */ }
  };

  /** False, for good, once another instance holds the lock. */
  Adapter.prototype.writer = function () {
    if (this.passive) return false;
    var owner = this.lockOwner();
    if (owner && owner !== this.owner) {
      this.passive = true;
      this.queue = [];
      if (this.timer) { this.win.clearTimeout(this.timer); this.timer = null; }
      this.setHealth("passive");
      return false;
    }
    return true;
  };

  Adapter.prototype.call = function (fn, a, b) {
    var result;
    try {
      result = b === undefined ? this.api[fn](a) : this.api[fn](a, b);
    } catch (e) {
      return { ok: false, value: "", error: ERR.GENERAL };
    }
    var error = this.lastError();
    var value = result === null || result === undefined ? "" : String(result);
    var ok = fn === "LMSGetValue" ? error === ERR.NONE : value === "true" && error === ERR.NONE;
    if (!ok && error === ERR.NONE) error = ERR.GENERAL;
    return { ok: ok, value: value, error: error };
  };

  Adapter.prototype.lastError = function () {
    try {
      var code = this.api.LMSGetLastError();
      return code === null || code === undefined || code === "" ? ERR.NONE : String(code);
    } catch (e) {
      return ERR.GENERAL;
    }
  };

  Adapter.prototype.get = function (el) {
    var r = this.call("LMSGetValue", el);
    return r.ok ? r.value : "";
  };

  /** LMSInitialize and read what the course needs to resume. */
  Adapter.prototype.start = function () {
    var info = { mode: this.mode, entry: "", location: "", suspend: "", status: "", count: null,
      studentId: "", mastery: "", lessonMode: "normal", backup: null, lmsFailed: false };
    if (this.api) {
      var other = this.lockOwner();
      var r = this.call("LMSInitialize", "");
      // Another instance of this course is running in this browser and LMSInitialize says no
      // (101, already initialized): it is the same session, e.g. a pop-up beside the LMS's own
      // hidden frame, both on one API object. Join it when the API answers.
      if (!r.ok && other) r = this.call("LMSGetValue", "cmi.core.student_id");
      if (!r.ok) r = this.call("LMSInitialize", ""); // one retry: some LMSs are slow to wake
      if (r.ok) {
        this.initialized = true;
        info.entry = this.get("cmi.core.entry");
        info.location = this.get("cmi.core.lesson_location");
        info.suspend = this.get("cmi.suspend_data");
        info.status = this.get("cmi.core.lesson_status");
        info.studentId = this.get("cmi.core.student_id");
        info.lessonMode = this.get("cmi.core.lesson_mode") || "normal";
        info.mastery = this.get("cmi.student_data.mastery_score");
        // null when the LMS gives no number (the Open edX SCORM XBlock answers ""): the player
        // then keeps its own next index in suspend_data.
        var count = this.get("cmi.interactions._count");
        info.count = /^\d+$/.test(count) ? parseInt(count, 10) : null;
        this.key += ":" + info.studentId;
        info.backup = this.readLocal();
        // The backup starts as the LMS's copy; writes keep it current.
        this.values = { "cmi.suspend_data": info.suspend, "cmi.core.lesson_location": info.location,
          "cmi.core.lesson_status": info.status };
      } else {
        // No session: run standalone rather than break the page, and say so.
        this.mode = info.mode = "local";
        info.lmsFailed = true;
      }
    }
    if (this.mode === "local") {
      var saved = this.readLocal();
      if (saved) {
        info.suspend = saved.suspend || "";
        info.location = saved.location || "";
        info.status = saved.status || "";
        info.entry = "resume";
      }
      this.values = saved || {};
    }
    info.storage = !!this.store;
    this.takeLock();
    return info;
  };

  Adapter.prototype.readLocal = function () {
    if (!this.store) return null;
    try {
      var data = JSON.parse(this.store.getItem(this.key) || "null");
      return data && typeof data === "object" ? data : null;
    } catch (e) {
      return null;
    }
  };

  Adapter.prototype.writeLocal = function () {
    if (!this.store || this.passive) return false;
    var v = this.values;
    var data = { suspend: v["cmi.suspend_data"] || "", location: v["cmi.core.lesson_location"] || "",
      status: v["cmi.core.lesson_status"] || "", score: v["cmi.core.score.raw"] || "",
      pending: this.mode === "lms" && (this.queue.length > 0 || this.dirty) };
    try {
      this.store.setItem(this.key, JSON.stringify(data));
      return true;
    } catch (e) {
      return false; // full or blocked: the LMS copy still stands
    }
  };

  /** Queue writes ([[element, value], ...]); a newer value of a scalar replaces a queued one. */
  Adapter.prototype.set = function (writes) {
    if (this.passive) return;
    for (var i = 0; i < writes.length; i++) {
      var el = writes[i][0];
      var value = String(writes[i][1]);
      if (isScalar(el)) {
        this.values[el] = value;
        for (var j = 0; j < this.queue.length; j++) {
          if (this.queue[j].el === el) { this.queue.splice(j, 1); break; }
        }
      }
      if (this.mode === "lms") this.queue.push({ el: el, value: value, tries: 0 });
    }
  };

  /** Send queued writes in order; stop at the first the LMS refuses (it stays queued). */
  Adapter.prototype.flush = function () {
    while (this.queue.length) {
      var w = this.queue[0];
      var r = this.call("LMSSetValue", w.el, w.value);
      if (!r.ok) {
        w.tries++;
        if (REFUSED[r.error] && w.tries >= REFUSED_TRIES) {
          this.queue.shift(); // the LMS will never take this value
          continue;
        }
        return false;
      }
      this.queue.shift();
      this.dirty = true;
    }
    return true;
  };

  /** Flush and LMSCommit (standalone: write localStorage). Returns true when all is stored. */
  Adapter.prototype.save = function () {
    if (this.finished || !this.writer()) return false;
    if (this.mode === "local") {
      var stored = this.writeLocal();
      this.setHealth(stored ? "ok" : "failed");
      return stored;
    }
    var ok = this.flush();
    if (ok && this.dirty) {
      ok = this.call("LMSCommit", "").ok;
      if (ok) this.dirty = false;
    }
    this.writeLocal();
    if (ok) {
      this.retries = 0;
      this.setHealth("ok");
    } else {
      this.setHealth("retrying");
      this.scheduleRetry();
    }
    return ok;
  };

  Adapter.prototype.scheduleRetry = function () {
    if (this.timer || this.finished) return;
    var self = this;
    var delay = RETRY_MS[Math.min(this.retries, RETRY_MS.length - 1)];
    this.retries++;
    this.timer = this.win.setTimeout(function () {
      self.timer = null;
      self.save();
    }, delay);
  };

  Adapter.prototype.setHealth = function (health) {
    if (health === this.health) return;
    this.health = health;
    this.onHealth(health);
  };

  /** The end of the session: session time, exit, commit and LMSFinish("") exactly once
   * (RTE 1.2 3.3.4.2). ``exit`` is "suspend" while unfinished, "" when done. */
  Adapter.prototype.finish = function (exit) {
    if (this.finished) return;
    if (this.timer) { this.win.clearTimeout(this.timer); this.timer = null; }
    if (!this.writer()) {
      this.finished = true; // the instance that took over ends the session
      return;
    }
    if (this.mode === "lms" && this.initialized) {
      this.set([["cmi.core.session_time", CBT.cmi.timespan(Date.now() - this.startedAt)],
        ["cmi.core.exit", exit]]);
      this.flush();
      this.call("LMSCommit", "");
      this.finished = true;
      var done = this.call("LMSFinish", "").ok;
      if (done && !this.queue.length) this.dirty = false;
      this.writeLocal();
    } else {
      this.writeLocal();
      this.finished = true;
    }
    // The lock stays: an older instance still open (the hidden frame beside a closed pop-up)
    // must go on knowing it was superseded, and the next launch takes the lock anyway.
  };

  /** Session time so far (written on visibilitychange, so a lost LMSFinish still counts it). */
  Adapter.prototype.sessionTime = function () {
    return CBT.cmi.timespan(Date.now() - this.startedAt);
  };

  CBT.scorm = { find: find, Adapter: Adapter };
})(globalThis.CBT || (globalThis.CBT = {}));
