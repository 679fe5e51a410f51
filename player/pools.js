/* pools.js - question banks of the final quiz (pure, no DOM; bundled only for a course whose
 * quiz has pools). Each attempt asks the fixed questions plus ``draw`` questions from each
 * pool. The draw is made once when the attempt starts, from a random seed the page passes
 * in, and is kept in the state (one bit per pool question in cmi.suspend_data), so a resumed
 * attempt asks the same questions and a retake asks others. */
(function (CBT) {
  "use strict";

  /** drawn[i] = 1 for the pool questions of a new attempt. Questions the previous attempt
   * did not ask come first, so a retake asks different questions whenever the pool has
   * enough of them; the rest of the draw is random among the others. */
  function draw(quiz, before, seed) {
    var rand = CBT.quiz.rng(seed);
    var drawn = CBT.state.fill(quiz.questions.length, 0);
    quiz.pools.forEach(function (pool) {
      var fresh = [];
      var seen = [];
      for (var i = pool.first; i < pool.first + pool.count; i++) (before && before[i] ? seen : fresh).push(i);
      [fresh, seen].forEach(function (group) {
        for (var j = group.length - 1; j > 0; j--) { // Fisher-Yates
          var k = Math.floor(rand() * (j + 1));
          var tmp = group[j]; group[j] = group[k]; group[k] = tmp;
        }
      });
      fresh.concat(seen).slice(0, pool.draw).forEach(function (q) { drawn[q] = 1; });
    });
    return drawn;
  }

  /** The original indexes of the questions attempt ``qs`` asks, in course order. */
  function asked(quiz, qs) {
    var out = [];
    quiz.questions.forEach(function (q, i) {
      if (q.pool === undefined || (qs.drawn && qs.drawn[i])) out.push(i);
    });
    return out;
  }

  /** How many questions each attempt asks. */
  function size(quiz) {
    var fixed = quiz.questions.filter(function (q) { return q.pool === undefined; }).length;
    return quiz.pools.reduce(function (n, pool) { return n + pool.draw; }, fixed);
  }

  /** Read or write the draw in suspend_data (suspend.walkQuiz): one bit per pool question. */
  function walk(quiz, qs, io) {
    quiz.pools.forEach(function (pool) {
      for (var i = pool.first; i < pool.first + pool.count; i++) qs.drawn[i] = io.num(1, qs.drawn[i] || 0, 1);
    });
  }

  /** A decoded draw is ours only with exactly ``draw`` per pool (none before the first
   * attempt) and a position inside the attempt. */
  function valid(quiz, qs) {
    var ok = quiz.pools.every(function (pool) {
      var count = 0;
      for (var i = pool.first; i < pool.first + pool.count; i++) count += qs.drawn[i];
      return count === (qs.attempt ? pool.draw : 0);
    });
    return ok && (!qs.attempt || qs.pos < size(quiz));
  }

  CBT.pools = { draw: draw, asked: asked, size: size, walk: walk, valid: valid };
})(globalThis.CBT || (globalThis.CBT = {}));
