/* main.js - start-up and the loop: event -> state.apply(action) -> render + tracking diff ->
 * scorm adapter. Also the session's end: LMSFinish on Exit and pagehide (checklist A5), and a
 * save on beforeunload and whenever the page is hidden. No unload listener: Chromium is
 * removing the event, and it keeps a page out of the back/forward cache; pagehide fires in
 * every case unload did. */
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
    failed: "This browser could not save your progress.",
    passive: "This course was opened in another window: continue there, this one no longer saves."
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
    // RTE 1.2 3.4.4: a new interaction goes at n = _count. An LMS that gives no number for
    // _count (the Open edX SCORM XBlock answers "") gets the index kept in its suspend_data,
    // so a new session never overwrites the last one's records.
    var ctx = { next: info.count !== null ? info.count : restored.next, suspend: restored.suspend,
      saves: restored.saves };
    var exitWritten = null;
    var typeTimer = null;
    var ended = false;

    function track() {
      if (typeTimer) { win.clearTimeout(typeTimer); typeTimer = null; }
      if (ended) return;
      var w = CBT.tracking.writes(idx, tracked, state,
        { next: ctx.next, now: new Date(), t: Date.now(), suspend: ctx.suspend, saves: ctx.saves,
          review: info.lessonMode === "review" });
      ctx.next += w.interactions;
      ctx.suspend = w.suspend;
      ctx.saves = w.saves;
      tracked = state;
      // cmi.core.exit as early as it is known, committed with the rest: an LMS that loses
      // the writes of the last moments (a killed tab, a request aborted at unload) still
      // resumes next time. "suspend" while unfinished, "" once done (RTE 1.2 3.4.4).
      var exit = finished() ? CBT.cmi.EXIT.NORMAL : CBT.cmi.EXIT.SUSPEND;
      if (exit !== exitWritten && info.mode === "lms") {
        w.set.push(["cmi.core.exit", exit]);
        exitWritten = exit;
      }
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

    function finished() {
      return state.status === "passed" || state.status === "completed";
    }

    /** ``byLearner``: the course's own Exit button (not the window going away), which a
     * standard's adapter may pass on to the LMS (SCORM 2004: adl.nav.request). */
    function leave(byLearner) {
      if (ended) return;
      track();
      ended = true;
      // RTE 1.2 3.4.4 cmi.core.exit: "suspend" keeps the learner's place for the next
      // session; "" (not 2004's "normal") once the course is done.
      adapter.finish(finished() ? CBT.cmi.EXIT.NORMAL : CBT.cmi.EXIT.SUSPEND, byLearner === true);
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

  /** The state to resume from: the newer of the LMS's suspend_data and this browser's copy
   * (the higher save count: an LMS may acknowledge a commit and lose it, or refuse it), so the
   * last session's final writes are never lost; foreign or damaged data starts afresh but
   * keeps the LMS's status (state.mergeStatus). A new attempt ("ab-initio" with nothing
   * stored) does not bring back an older attempt's copy unless the LMS refused it (pending). */
  function restore(idx, info) {
    var s = CBT.suspend.decode(idx, info.suspend);
    var lmsSuspend = info.suspend;
    var lmsMeta = s ? CBT.suspend.meta(info.suspend) : null;
    var saves = lmsMeta ? lmsMeta.saves : 0;
    var backup = info.backup;
    var b = backup && backup.suspend && backup.suspend !== info.suspend
      ? CBT.suspend.decode(idx, backup.suspend) : null;
    if (b) {
      var bMeta = CBT.suspend.meta(backup.suspend);
      saves = Math.max(saves, bMeta.saves);
      var newer = s ? bMeta.saves > lmsMeta.saves : info.entry !== "ab-initio";
      if (backup.pending || newer) s = b;
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
    return { state: s, before: before, suspend: lmsSuspend === null ? null : info.suspend,
      // The next interaction index of the LMS's own copy: its interactions arrived with it.
      saves: saves, next: lmsMeta ? lmsMeta.next : 0 };
  }

  CBT.main = { start: start, restore: restore };

  if (typeof document !== "undefined" && document.getElementById("cbt-course")) {
    CBT.app = start(window, document);
  }
})(globalThis.CBT || (globalThis.CBT = {}));
