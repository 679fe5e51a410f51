/* navigation.js - where the learner may go (pure, no DOM).
 * free: anywhere. linear: Next only once the screen's interaction is done, chapters in order,
 * the final quiz once every chapter is complete, the evaluation after the quiz. */
(function (CBT) {
  "use strict";

  function requiredDone(idx, s) {
    return idx.required.every(function (c) { return s.done[c.index]; });
  }

  /** Is chapter ``ci`` open to the learner? Returns "" or the reason it is locked. */
  function chapterLock(idx, s, ci) {
    if (!idx.linear) return "";
    var c = idx.chapters[ci];
    if (c.evaluation) {
      if (idx.quiz) return s.quiz.score === null ? "Take the " + idx.quiz.title + " first." : "";
      return requiredDone(idx, s) ? "" : "Complete every chapter first.";
    }
    for (var i = 0; i < ci; i++) {
      if (!idx.chapters[i].evaluation && !s.done[i]) return "Complete the previous chapter first.";
    }
    return "";
  }

  function quizLock(idx, s) {
    if (!idx.linear || requiredDone(idx, s)) return "";
    return "Complete every chapter to unlock the " + idx.quiz.title + ".";
  }

  /** "" when page ``p`` may be shown, else why not. In linear mode every earlier page of the
   * chapter must be done, so a stale bookmark cannot skip an interaction. */
  function pageLock(idx, s, p) {
    var page = idx.pages[p];
    if (!page) return "There is no such screen.";
    if (page.kind === "quiz") return quizLock(idx, s);
    if (page.kind === "certificate") return CBT.award.lock(idx, s);
    var lock = chapterLock(idx, s, page.ch);
    if (lock || !idx.linear) return lock;
    var first = idx.chapters[page.ch].first;
    for (var i = first; i < p; i++) {
      if (!CBT.state.pageDone(idx, s, i)) return "Finish the earlier screens of this chapter first.";
    }
    return "";
  }

  /** Why the current page is not done yet, in words for the learner ("" when done). */
  function pendingReason(idx, s, p) {
    if (CBT.state.pageDone(idx, s, p)) return "";
    var page = idx.pages[p];
    if (page.kind === "completion") return "Select Complete Chapter to continue.";
    var sc = page.screen;
    if (sc.type === "reveal") {
      var opened = s.seen[p].filter(Boolean).length;
      return "Open all " + sc.items.length + " items to continue (" + opened + " opened so far).";
    }
    if (sc.type === "reflection") return "Fill in the required fields to continue.";
    if (CBT.kinds[sc.type]) return CBT.kinds[sc.type].pending(s, p, sc);
    return "Submit your answer to continue.";
  }

  /** {page, reason}: where Next leads (-1 at the end) and why it is disabled ("" if enabled). */
  /** Back and Next pass over a certificate not earned yet. */
  function step(idx, s, p, d) {
    p += d;
    if (p === idx.certPage && pageLock(idx, s, p)) p += d;
    return p >= 0 && p < idx.pages.length ? p : -1;
  }

  function next(idx, s) {
    var p = s.page;
    var target = step(idx, s, p, 1);
    if (target < 0) return { page: -1, reason: "" };
    if (idx.linear) {
      var pending = pendingReason(idx, s, p);
      if (pending) return { page: target, reason: pending };
    }
    return { page: target, reason: pageLock(idx, s, target) };
  }

  function prev(idx, s) {
    return { page: step(idx, s, s.page, -1), reason: "" };
  }

  /** The first page a learner may resume at: ``p`` if allowed, else the first page of the
   * first unfinished chapter. */
  function resumePage(idx, s, p) {
    if (p >= 0 && p < idx.pages.length && !pageLock(idx, s, p)) return p;
    for (var i = 0; i < idx.pages.length; i++) {
      if (!pageLock(idx, s, i) && !CBT.state.pageDone(idx, s, i)) return i;
    }
    return 0;
  }

  CBT.navigation = {
    chapterLock: chapterLock, quizLock: quizLock, pageLock: pageLock,
    pendingReason: pendingReason, next: next, prev: prev, resumePage: resumePage
  };
})(globalThis.CBT || (globalThis.CBT = {}));
