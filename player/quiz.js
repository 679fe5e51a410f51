/* quiz.js - scoring, mastery, attempts and seeded shuffling (pure, no DOM).
 * Shuffles are seeded by the course's structure hash and the attempt number, so the order of an
 * attempt can be recomputed on resume and never has to be stored in cmi.suspend_data. */
(function (CBT) {
  "use strict";

  // Question types defined in their own modules (player/questions/*.js, bundled only for a
  // course that uses them): {valid, isCorrect, walk, TYPE, response, render, text, right}.
  var types = CBT.qtypes = CBT.qtypes || {};

  // Unlimited attempts are counted up to this value (12 bits in suspend data); the count only
  // seeds the shuffle after that, so saturating is harmless.
  var ATTEMPT_CAP = 4095;

  /** FNV-1a 32-bit hash of a string: a small, stable seed. */
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  }

  /** mulberry32: a tiny deterministic PRNG returning floats in [0, 1). */
  function rng(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6d2b79f5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function range(n) {
    var a = [];
    for (var i = 0; i < n; i++) a.push(i);
    return a;
  }

  function shuffle(n, seedText) {
    var a = range(n);
    var rand = rng(hash(seedText));
    for (var i = n - 1; i > 0; i--) {
      var j = Math.floor(rand() * (i + 1));
      var tmp = a[i]; a[i] = a[j]; a[j] = tmp;
    }
    return a;
  }

  /** Original question indexes in the order attempt ``attempt`` presents them. */
  function questionOrder(quiz, attempt, salt) {
    var n = quiz.questions.length;
    return quiz.shuffleQuestions ? shuffle(n, salt + ":" + attempt + ":questions") : range(n);
  }

  /** Original indexes of the questions attempt ``qs`` asks (a question bank's draw, see
   * pools.js), in the order it presents them. */
  function attemptOrder(quiz, qs, salt) {
    if (!quiz.pools) return questionOrder(quiz, qs.attempt, salt);
    var a = CBT.pools.asked(quiz, qs);
    if (!quiz.shuffleQuestions) return a;
    return shuffle(a.length, salt + ":" + qs.attempt + ":questions").map(function (i) { return a[i]; });
  }

  /** How many questions an attempt asks. */
  function size(quiz) {
    return quiz.pools ? CBT.pools.size(quiz) : quiz.questions.length;
  }

  /** Original option indexes in display order; true/false keeps True before False. */
  function optionOrder(quiz, qi, attempt, salt) {
    var q = quiz.questions[qi];
    var n = q.options.length;
    if (!quiz.shuffleOptions || q.type === "true_false") return range(n);
    return shuffle(n, salt + ":" + attempt + ":" + q.id);
  }

  function isCorrect(question, answer) {
    if (answer === null || answer === undefined) return false;
    if (types[question.type]) return types[question.type].isCorrect(question, answer);
    if (question.type === "multiple") {
      var want = question.correct.slice().sort(function (a, b) { return a - b; });
      return answer.length === want.length && answer.every(function (v, i) { return v === want[i]; });
    }
    return answer === question.correct[0];
  }

  /** Points earned and possible: the final quiz plus the screens marked ``scored``. */
  function points(idx, s) {
    var earned = 0;
    var total = 0;
    idx.quiz.questions.forEach(function (q, i) {
      if (q.pool !== undefined && !s.quiz.drawn[i]) return; // not in this attempt's draw
      total += q.weight;
      if (isCorrect(q, s.quiz.answers[i])) earned += q.weight;
    });
    idx.pages.forEach(function (p, i) {
      var sc = p.screen;
      if (!sc || !sc.scored) return;
      if (sc.type === "classifier") {
        total += 1;
        if (s.answer[i] === sc.correct) earned += 1;
      } else if (sc.type === "question") {
        total += sc.question.weight;
        if (isCorrect(sc.question, s.answer[i])) earned += sc.question.weight;
      } else if (CBT.kinds[sc.type]) {
        var pt = CBT.kinds[sc.type].points(sc, s.answer[i]);
        total += pt[1];
        earned += pt[0];
      }
    });
    return { earned: earned, total: total };
  }

  /** score.raw as a whole percentage, rounded down: 0..100 (RTE 1.2 score.raw, CMIDecimal).
   * Rounding down keeps "raw >= mastery" identical to the exact comparison, so an LMS that
   * overrides the status from the mastery score (Moodle, scorm-again) agrees with us. */
  function score(idx, s) {
    var p = points(idx, s);
    p.raw = p.total ? Math.floor((p.earned * 100) / p.total) : 0;
    return p;
  }

  function passed(raw, mastery) {
    return raw >= mastery;
  }

  function attemptsLeft(quiz, qs) {
    return quiz.attempts === null ? Infinity : Math.max(0, quiz.attempts - qs.attempt);
  }

  /** A new attempt: the first one, or a retake after a failed attempt while attempts remain. */
  function canStart(quiz, qs) {
    if (qs.attempt === 0) return true;
    if (!qs.submitted || passed(qs.score, quiz.masteryScore)) return false;
    return attemptsLeft(quiz, qs) > 0;
  }

  CBT.quiz = {
    ATTEMPT_CAP: ATTEMPT_CAP, hash: hash, rng: rng, shuffle: shuffle,
    questionOrder: questionOrder, attemptOrder: attemptOrder, size: size, optionOrder: optionOrder, isCorrect: isCorrect,
    points: points, score: score, passed: passed, attemptsLeft: attemptsLeft, canStart: canStart
  };
})(globalThis.CBT || (globalThis.CBT = {}));
