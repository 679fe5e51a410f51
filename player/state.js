/* state.js - the learner's state: the course index, the initial state, apply(state, action)
 * and selectors. Pure: no DOM, no LMS. Every change goes through apply(), which returns a new
 * state and leaves the old one untouched, so tracking.js can diff (before, after). */
(function (CBT) {
  "use strict";
  // Screen types whose state lives in their own pure module (knowledge checks: checks.js):
  // {init, apply, done, pending, walk, records, points}.
  CBT.kinds = CBT.kinds || {};

  /** The course laid out as pages: each chapter's screens and its completion page, then the
   * quiz (one page with its own views), then the evaluation chapter. */
  function index(course) {
    var pages = [];
    var chapters = [];
    var quizPage = -1;
    function addChapter(data, evaluation) {
      var ci = chapters.length;
      var entry = { data: data, index: ci, evaluation: evaluation, first: pages.length, pages: [],
        sections: data.sections || [] };
      data.screens.forEach(function (screen, si) {
        entry.pages.push(pages.length);
        pages.push({ kind: "screen", ch: ci, si: si, screen: screen, key: screen.id });
      });
      if (data.completion) {
        entry.completion = pages.length;
        entry.pages.push(pages.length);
        pages.push({ kind: "completion", ch: ci, si: data.screens.length, key: data.id + "/complete" });
      } else {
        // No closing screen: the chapter is done once every screen is (autoDone), and its
        // done bit is stored after its last screen (suspend.js).
        entry.completion = -1;
        pages[pages.length - 1].closes = true;
      }
      chapters.push(entry);
    }
    course.chapters.forEach(function (c) { addChapter(c, false); });
    if (course.quiz) {
      quizPage = pages.length;
      pages.push({ kind: "quiz", ch: -1, key: course.quiz.id });
    }
    // The certificate's page ("/" keeps its key apart from every screen id).
    var certPage = -1;
    if (course.certificate) {
      certPage = pages.length;
      pages.push({ kind: "certificate", ch: -1, key: course.id + "/certificate" });
    }
    if (course.evaluation) addChapter(course.evaluation, true);
    var byKey = {};
    pages.forEach(function (p, i) { byKey[p.key] = i; });
    return {
      course: course, pages: pages, chapters: chapters, quizPage: quizPage, quiz: course.quiz,
      certPage: certPage, certificate: course.certificate,
      byKey: byKey, hash: course.structureHash, linear: course.navigation === "linear",
      required: chapters.filter(function (c) { return !c.evaluation; })
    };
  }

  function fill(n, value) {
    var a = new Array(n);
    for (var i = 0; i < n; i++) a[i] = value;
    return a;
  }

  function initial(idx) {
    var n = idx.pages.length;
    var s = {
      page: 0,
      visited: fill(n, 0),
      done: fill(idx.chapters.length, 0),
      seen: fill(n, null),
      answer: fill(n, null),
      text: fill(n, null),
      saved: fill(n, null), // reflections as last journaled to the LMS (not persisted)
      quiz: null,
      earned: 0, // the day the certificate was earned (award.day), 0 before
      lmsStatus: "",
      status: "incomplete",
      shownAt: 0,
      error: null
    };
    idx.pages.forEach(function (p, i) {
      var screen = p.screen;
      if (!screen) return;
      if (screen.type === "reveal") s.seen[i] = fill(screen.items.length, 0);
      var kind = CBT.kinds[screen.type];
      if (kind) kind.init(s, i, screen);
      if (screen.type === "reflection") {
        s.text[i] = fill(screen.fields.length, "");
        s.saved[i] = fill(screen.fields.length, "");
      }
    });
    if (idx.quiz) s.quiz = emptyQuiz(idx.quiz, 0, null);
    s.visited[0] = 1;
    s.status = status(idx, s);
    return s;
  }

  function emptyQuiz(quiz, attempt, score) {
    var q = quiz.questions.length;
    return { attempt: attempt, submitted: 0, pos: 0, answers: fill(q, null), score: score,
      lat: fill(q, 0), shownAt: 0, drawn: fill(q, 0) };
  }

  function copy(o) {
    var c = {};
    for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) c[k] = o[k];
    return c;
  }

  function setAt(arr, i, v) {
    var c = arr.slice();
    c[i] = v;
    return c;
  }

  /** Lone surrogates become U+FFFD (same length), so an LMS's JSON or XML transport cannot
   * change a reflection's length; then the field's limit is enforced. */
  function cleanText(text, max) {
    // (No lookbehind: Safari before 16.4 would refuse to parse the whole bundle.)
    text = String(text).replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g, function (m) {
      return m.length === 2 ? m : "\ufffd";
    });
    return CBT.cmi.truncate(text, max);
  }

  function validAnswer(question, value) {
    if (CBT.qtypes[question.type]) return CBT.qtypes[question.type].valid(question, value);
    var n = question.options.length;
    if (question.type === "multiple") {
      if (!Array.isArray(value) || !value.length) return null;
      var seen = {};
      var out = value.filter(function (v) {
        var ok = v >= 0 && v < n && (v | 0) === v && !seen[v];
        seen[v] = 1;
        return ok;
      });
      return out.length ? out.sort(function (a, b) { return a - b; }) : null;
    }
    return (value | 0) === value && value >= 0 && value < n ? value : null;
  }

  /** (state, action) -> new state. Unknown or impossible actions return the state unchanged. */
  function apply(idx, s, a) {
    var n = copy(s);
    var page = idx.pages[a.page];
    var t = a.t || 0;
    switch (a.type) {
      case "go":
        if (!idx.pages[a.page]) return s;
        n.page = a.page;
        if (!s.visited[a.page]) n.visited = setAt(s.visited, a.page, 1);
        n.shownAt = t;
        if (n.quiz && a.page === idx.quizPage) { n.quiz = copy(s.quiz); n.quiz.shownAt = t; }
        break;
      case "open":
        if (!page || !s.seen[a.page] || a.item < 0 || a.item >= s.seen[a.page].length) return s;
        if (s.seen[a.page][a.item]) return s;
        n.seen = setAt(s.seen, a.page, setAt(s.seen[a.page], a.item, 1));
        break;
      case "answer": {
        if (!page || !page.screen || s.answer[a.page] !== null) return s;
        var sc = page.screen;
        var v = null;
        if (sc.type === "classifier") v = validAnswer({ options: sc.categories }, a.value);
        else if (sc.type === "poll") v = validAnswer({ options: sc.options }, a.value);
        else if (sc.type === "question") v = validAnswer(sc.question, a.value);
        if (v === null) return s;
        n.answer = setAt(s.answer, a.page, v);
        n.answeredAt = t;
        break;
      }
      case "type": {
        var fields = page && page.screen && page.screen.fields;
        if (!fields || !fields[a.field]) return s;
        var text = cleanText(a.text, fields[a.field].maxLength);
        if (text === s.text[a.page][a.field]) return s;
        n.text = setAt(s.text, a.page, setAt(s.text[a.page], a.field, text));
        break;
      }
      case "save":
        if (!s.text[a.page] || s.saved[a.page][a.field] === s.text[a.page][a.field]) return s;
        n.saved = setAt(s.saved, a.page, setAt(s.saved[a.page], a.field, s.text[a.page][a.field]));
        break;
      case "complete":
        if (!idx.chapters[a.chapter] || s.done[a.chapter]) return s;
        n.done = setAt(s.done, a.chapter, 1);
        break;
      case "quizStart":
        if (!s.quiz || !CBT.quiz.canStart(idx.quiz, s.quiz)) return s;
        var cap = idx.quiz.attempts === null ? CBT.quiz.ATTEMPT_CAP : idx.quiz.attempts;
        n.quiz = emptyQuiz(idx.quiz, Math.min(s.quiz.attempt + 1, cap), s.quiz.score);
        n.quiz.shownAt = t;
        // A question bank's draw: from the page's random seed, else from the attempt number.
        if (idx.quiz.pools) {
          n.quiz.drawn = CBT.pools.draw(idx.quiz, s.quiz.drawn,
            a.seed === undefined ? CBT.quiz.hash(idx.hash + ":" + n.quiz.attempt) : a.seed);
        }
        break;
      case "quizAnswer": {
        if (!s.quiz || !inAttempt(s.quiz)) return s;
        var question = idx.quiz.questions[a.q];
        if (!question || (question.pool !== undefined && !s.quiz.drawn[a.q])) return s;
        var value = a.value === null ? null : validAnswer(question, a.value);
        n.quiz = copy(s.quiz);
        n.quiz.answers = setAt(s.quiz.answers, a.q, value);
        n.quiz.lat = setAt(s.quiz.lat, a.q, Math.max(0, t - (s.quiz.shownAt || t)));
        break;
      }
      case "quizPos":
        if (!s.quiz || !inAttempt(s.quiz) || a.pos < 0 || a.pos >= CBT.quiz.size(idx.quiz)) return s;
        n.quiz = copy(s.quiz);
        n.quiz.pos = a.pos;
        n.quiz.shownAt = t;
        break;
      case "quizSubmit":
        if (!s.quiz || !inAttempt(s.quiz)) return s;
        var unanswered = CBT.quiz.attemptOrder(idx.quiz, s.quiz, idx.hash).some(function (qi) {
          return s.quiz.answers[qi] === null;
        });
        if (unanswered) return s;
        n.quiz = copy(s.quiz);
        n.quiz.submitted = 1;
        n.quiz.score = CBT.quiz.score(idx, n).raw;
        break;
      default: {
        // Actions of screen types defined in their own modules (CBT.kinds).
        var ext = page && page.screen && CBT.kinds[page.screen.type];
        if (!ext || !ext.apply(s, n, a, page.screen)) return s;
      }
    }
    autoDone(idx, n);
    n.status = status(idx, n);
    if (idx.certificate && !n.earned && CBT.award.earned(idx, n)) n.earned = CBT.award.day(t);
    return n;
  }

  /** A chapter without a closing screen is complete once every page is visited and done. */
  function autoDone(idx, n) {
    idx.chapters.forEach(function (c) {
      if (c.completion >= 0 || n.done[c.index]) return;
      var all = c.pages.every(function (p) { return n.visited[p] && pageDone(idx, n, p); });
      if (all) n.done = setAt(n.done, c.index, 1);
    });
  }

  /** The section page ``p`` belongs to ({data, k, first, pages}) or null. */
  function sectionOf(idx, p) {
    var page = idx.pages[p];
    if (!page || !page.screen || page.screen.section === undefined) return null;
    var c = idx.chapters[page.ch];
    var sec = c.sections[page.screen.section];
    var first = c.first + sec.first;
    var list = [];
    for (var i = 0; i < sec.count; i++) list.push(first + i);
    return { data: sec, k: page.screen.section, first: first, pages: list };
  }

  function inAttempt(q) {
    return q.attempt > 0 && !q.submitted;
  }

  /** What the learner's state says lesson_status should be (RTE 1.2 3.4.4 lesson_status). */
  function desiredStatus(idx, s) {
    if (idx.quiz) {
      if (s.quiz.score === null) return "incomplete";
      return CBT.quiz.passed(s.quiz.score, idx.quiz.masteryScore) ? "passed" : "failed";
    }
    return idx.required.every(function (c) { return s.done[c.index]; }) ? "completed" : "incomplete";
  }

  /** Never take back what the LMS already recorded: a passed learner stays passed, and a
   * learner whose saved state was lost keeps completed/failed until the quiz says otherwise. */
  function mergeStatus(lms, desired) {
    if (lms === "passed") return "passed";
    if (desired === "incomplete" && (lms === "completed" || lms === "failed")) return lms;
    return desired;
  }

  function status(idx, s) {
    return mergeStatus(s.lmsStatus, desiredStatus(idx, s));
  }

  // --- selectors -----------------------------------------------------------------------

  function chapterStatus(idx, s, ci) {
    var c = idx.chapters[ci];
    if (s.done[ci]) return "complete";
    for (var i = 0; i < c.pages.length; i++) if (s.visited[c.pages[i]]) return "progress";
    return "new";
  }

  function quizStatus(idx, s) {
    var q = s.quiz;
    if (!q) return "new";
    if (q.score !== null && CBT.quiz.passed(q.score, idx.quiz.masteryScore) && !inAttempt(q)) return "complete";
    if (q.attempt > 0) return "progress";
    return s.visited[idx.quizPage] ? "progress" : "new";
  }

  function quizView(s) {
    if (!s.quiz || s.quiz.attempt === 0) return "intro";
    return s.quiz.submitted ? "results" : "question";
  }

  /** Has the learner done what the page asks (linear navigation's gate)? */
  function pageDone(idx, s, p) {
    var page = idx.pages[p];
    if (page.kind === "completion") return !!s.done[page.ch];
    if (page.kind === "quiz" || page.kind === "certificate") return true;
    var sc = page.screen;
    switch (sc.type) {
      case "reveal":
        return !sc.requireAll || s.seen[p].every(Boolean);
      case "classifier":
      case "poll":
      case "question":
        return s.answer[p] !== null;
      case "reflection":
        return sc.fields.every(function (f, i) { return !f.required || s.text[p][i].trim() !== ""; });
      default:
        return CBT.kinds[sc.type] ? CBT.kinds[sc.type].done(s, p, sc) : true;
    }
  }

  CBT.state = {
    index: index, initial: initial, apply: apply, emptyQuiz: emptyQuiz, cleanText: cleanText,
    status: status, desiredStatus: desiredStatus, mergeStatus: mergeStatus,
    chapterStatus: chapterStatus, quizStatus: quizStatus, quizView: quizView, pageDone: pageDone,
    inAttempt: inAttempt, fill: fill, setAt: setAt, validAnswer: validAnswer, sectionOf: sectionOf
  };
})(globalThis.CBT || (globalThis.CBT = {}));
