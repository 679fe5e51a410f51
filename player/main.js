/* main.js - start-up and the loop: event -> state.apply(action) -> render + tracking diff ->
 * scorm adapter. Also the session's end: LMSFinish on Exit, pagehide and unload (checklist
 * A5), and a save on beforeunload and whenever the page is hidden. */
(function (CBT) {
  "use strict";
  var TYPE_DELAY = 1500; // ms of typing quiet before a reflection draft is saved

  var MESSAGES = {
    local: "Not connected to an LMS: your progress is saved in this browser only.",
    localNone: "Not connected to an LMS, and this browser does not allow saving: your progress " +
      "will be lost when you close this page.",
    lmsFailed: "The LMS did not start a session: your progress is saved in this browser only.",
    retrying: "Your progress could not be saved to the LMS. Your work is kept in this browser and " +
      "the course keeps trying; please keep this window open.",
    recovered: "Your progress is saved to the LMS again.",
    failed: "This browser could not save your progress."
  };

  function start(win, doc) {
    var app = doc.getElementById("cbt-app");
    var course;
    try {
      course = JSON.parse(doc.getElementById("cbt-course").textContent);
    } catch (e) {
      app.textContent = "This course could not be read. Please tell your LMS administrator.";
      return null;
    }
    var view = null;
    var wasFailing = false;
    var adapter = new CBT.scorm.Adapter(win, course, function (health) {
      if (!view) return;
      if (health === "ok") {
        CBT.view.alert(view, wasFailing ? MESSAGES.recovered : "", "ok");
        wasFailing = false;
      } else {
        wasFailing = true;
        CBT.view.alert(view, MESSAGES[health] || MESSAGES.retrying, "warn");
      }
    });
    var info = adapter.start();
    // The LMS decides pass/fail from its own mastery score (RTE 1.2 3.4.4 lesson_status;
    // Moodle and scorm-again override the status with it): judge by the same number.
    var mastery = parseFloat(info.mastery);
    if (course.quiz && mastery >= 0 && mastery <= 100) course.quiz.masteryScore = mastery;
    var idx = CBT.state.index(course);
    // The certificate shows the name the LMS knows (RTE 1.2 3.4.4 cmi.core.student_name).
    if (course.certificate && info.mode === "lms") idx.learnerName = adapter.get("cmi.core.student_name");
    var restored = restore(idx, info);
    var state = launchScreen(win, idx, restored.state);
    var tracked = restored.before;
    var ctx = { next: info.count, suspend: restored.suspend };
    var typeTimer = null;
    var ended = false;

    function track() {
      if (typeTimer) { win.clearTimeout(typeTimer); typeTimer = null; }
      if (ended) return;
      var w = CBT.tracking.writes(idx, tracked, state,
        { next: ctx.next, now: new Date(), t: Date.now(), suspend: ctx.suspend,
          review: info.lessonMode === "review" });
      ctx.next += w.interactions;
      ctx.suspend = w.suspend;
      tracked = state;
      if (w.set.length) {
        adapter.set(w.set);
        adapter.save();
      }
    }

    /** Apply ``action``; ``focus`` names the element to focus after the re-render; ``quiet``
     * skips the re-render (the control already shows the change). Returns the new state. */
    function dispatch(action, focus, quiet) {
      if (ended) return state;
      action.t = Date.now();
      var before = state;
      state = CBT.state.apply(idx, state, action);
      if (action.type === "type") {
        CBT.view.frame(view, state);
        if (!typeTimer) typeTimer = win.setTimeout(track, TYPE_DELAY);
        return state;
      }
      if (state !== before) track();
      if (quiet) CBT.view.frame(view, state);
      else CBT.view.render(view, state, dispatch, focus);
      return state;
    }

    function go(page) {
      var lock = CBT.navigation.pageLock(idx, state, page);
      if (lock) { CBT.announce.say(lock); return; }
      dispatch({ type: "go", page: page });
    }

    /** ``byLearner``: the course's own Exit button (not the window going away), which a
     * standard's adapter may pass on to the LMS (SCORM 2004: adl.nav.request). */
    function leave(byLearner) {
      if (ended) return;
      track();
      ended = true;
      var finished = state.status === "passed" || state.status === "completed";
      // RTE 1.2 3.4.4 cmi.core.exit: "suspend" keeps the learner's place for the next
      // session; "" (not 2004's "normal") once the course is done.
      adapter.finish(finished ? CBT.cmi.EXIT.NORMAL : CBT.cmi.EXIT.SUSPEND, byLearner === true);
    }

    view = CBT.view.mount(app, idx, {
      go: go,
      back: function () {
        var prev = CBT.navigation.prev(idx, state);
        if (prev.page >= 0) go(prev.page);
      },
      next: function () {
        var next = CBT.navigation.next(idx, state);
        if (next.reason) { CBT.announce.say(next.reason); return; }
        if (next.page >= 0) go(next.page);
      },
      exit: function () {
        leave(true);
        CBT.view.ended(view, adapter.queue.length
          ? "Some of your progress could not be saved to the LMS; it is kept in this browser and will be sent next time."
          : "Your progress has been saved. You can close this window.");
      }
    });
    view.current = function () { return state; };
    if (info.mode === "local") {
      CBT.view.notice(view, info.lmsFailed ? MESSAGES.lmsFailed : info.storage ? MESSAGES.local : MESSAGES.localNone);
    }
    CBT.view.render(view, state, dispatch);
    track(); // report the start: status "incomplete" on a first launch, bookmark, restored backup

    // LMSFinish when the page really goes away. beforeunload only saves: it also fires for a
    // mailto: link or a cancelled navigation, after which the course must still work.
    function saveNow() {
      if (ended) return;
      track();
      // Last value wins (RTE 1.2 3.4.4 session_time): a browser that never runs pagehide
      // still reports the time spent so far.
      adapter.set([["cmi.core.session_time", adapter.sessionTime()]]);
      adapter.save();
    }
    win.addEventListener("pagehide", leave);
    win.addEventListener("unload", leave);
    win.addEventListener("beforeunload", saveNow);
    doc.addEventListener("visibilitychange", function () {
      if (doc.visibilityState === "hidden") saveNow();
    });
    win.addEventListener("pageshow", function (e) {
      if (e.persisted && ended) CBT.view.ended(view, "This session has ended. Please relaunch the course from your LMS.");
    });
    return { idx: idx, adapter: adapter, state: function () { return state; }, dispatch: dispatch };
  }

  /** ``?cbt_screen=<bookmark>`` in the launch URL opens that screen when the navigation rules
   * allow it (cbtforge preview uses it to stay on the screen being edited; an LMS can put it
   * in the manifest item's parameters). Anything unknown or locked is ignored. */
  function launchScreen(win, idx, s) {
    var match = /[?&]cbt_screen=([^&#]*)/.exec(win.location.search || "");
    if (!match) return s;
    var key;
    try { key = decodeURIComponent(match[1].replace(/\+/g, " ")); } catch (e) { return s; }
    var page = idx.byKey[key];
    if (page === undefined || CBT.navigation.pageLock(idx, s, page)) return s;
    return CBT.state.apply(idx, s, { type: "go", page: page, t: Date.now() });
  }

  /** The state to resume from: the LMS's suspend_data, or this browser's copy when the last
   * session's writes never reached the LMS; foreign or damaged data starts afresh but keeps
   * the LMS's status (state.mergeStatus). */
  function restore(idx, info) {
    var s = CBT.suspend.decode(idx, info.suspend);
    var lmsSuspend = info.suspend;
    var backup = info.backup;
    if (backup && backup.pending && backup.suspend && backup.suspend !== info.suspend) {
      var b = CBT.suspend.decode(idx, backup.suspend);
      if (b) s = b;
    }
    if (!s) {
      s = CBT.state.initial(idx);
      lmsSuspend = null;
      var bookmarked = idx.byKey[info.location];
      if (bookmarked !== undefined) s.page = bookmarked;
    }
    var lmsStatus = info.status === "not attempted" || info.status === "browsed" ? "" : info.status || "";
    s.lmsStatus = lmsStatus;
    s.status = CBT.state.status(idx, s);
    var page = CBT.navigation.resumePage(idx, s, s.page);
    s = CBT.state.apply(idx, s, { type: "go", page: page, t: Date.now() });
    // What the LMS already holds, so the first diff writes only what differs.
    var before = {};
    for (var k in s) before[k] = s[k];
    before.status = info.status;
    before.page = CBT.tracking.bookmark(idx, s.page) === info.location ? s.page : -1;
    return { state: s, before: before, suspend: lmsSuspend === null ? null : info.suspend };
  }

  CBT.main = { start: start, restore: restore };

  if (typeof document !== "undefined" && document.getElementById("cbt-course")) {
    CBT.app = start(window, document);
  }
})(globalThis.CBT || (globalThis.CBT = {}));
