"use strict";
// Question banks in the final quiz (player-sections: a fixed question, then pool "deal"
// drawing 2 of 4 and pool "dis" drawing 1 of 2).
const test = require("node:test");
const assert = require("node:assert/strict");
const { CBT, fixture, load } = require("./helpers.js");

const apply = (idx, s, a) => CBT.state.apply(idx, s, a);
const ids = (idx, list) => list.map((i) => idx.quiz.questions[i].id);

function started(seed) {
  const { idx, s } = load(fixture("player-sections"));
  return { idx, s: apply(idx, s, { type: "quizStart", seed }) };
}

test("an attempt asks the fixed questions and the pools' draw", () => {
  const { idx, s } = started(7);
  assert.equal(CBT.quiz.size(idx.quiz), 4);
  const asked = CBT.pools.asked(idx.quiz, s.quiz);
  assert.equal(asked.length, 4);
  assert.equal(ids(idx, asked)[0], "q-fixed");
  assert.equal(ids(idx, asked).filter((q) => q[0] === "d").length, 2);
  assert.equal(ids(idx, asked).filter((q) => q[0] === "s").length, 1);
});

test("different seeds give different draws; the same seed the same draw", () => {
  const draws = new Set();
  for (let seed = 0; seed < 20; seed++) draws.add(started(seed).s.quiz.drawn.join(""));
  assert.ok(draws.size > 3, `only ${draws.size} different draws`);
  assert.deepEqual(started(5).s.quiz.drawn, started(5).s.quiz.drawn);
});

function answerAll(idx, s, right) {
  let t = s;
  CBT.quiz.attemptOrder(idx.quiz, t.quiz, idx.hash).forEach((qi) => {
    const q = idx.quiz.questions[qi];
    const v = right ? q.correct[0] : (q.correct[0] + 1) % q.options.length;
    t = apply(idx, t, { type: "quizAnswer", q: qi, value: v });
  });
  return apply(idx, t, { type: "quizSubmit" });
}

test("a retake asks the questions the last attempt did not", () => {
  let { idx, s } = started(3);
  const first = CBT.pools.asked(idx.quiz, s.quiz);
  s = answerAll(idx, s, false);
  assert.equal(s.quiz.submitted, 1);
  assert.equal(s.quiz.score, 0);
  s = apply(idx, s, { type: "quizStart", seed: 3 });
  const second = CBT.pools.asked(idx.quiz, s.quiz);
  const pooled = (list) => ids(idx, list).filter((q) => q !== "q-fixed");
  assert.deepEqual(pooled(second).filter((q) => pooled(first).includes(q)), []);
});

test("only the asked questions are needed, scored and reported", () => {
  let { idx, s } = started(11);
  const notAsked = idx.quiz.questions.findIndex((q, i) => q.pool !== undefined && !s.quiz.drawn[i]);
  assert.equal(apply(idx, s, { type: "quizAnswer", q: notAsked, value: 0 }), s);
  const before = s;
  s = answerAll(idx, s, true);
  assert.equal(s.quiz.score, 100);
  const w = CBT.tracking.writes(idx, before, s, { next: 0, now: new Date(0), t: 0, suspend: null });
  assert.equal(w.interactions, 4);
});

test("the draw is kept in suspend_data: a resumed attempt asks the same questions", () => {
  let { idx, s } = started(13);
  s = apply(idx, s, { type: "quizPos", pos: 2 });
  const back = CBT.suspend.decode(idx, CBT.suspend.encode(idx, s));
  assert.deepEqual(back.quiz.drawn, s.quiz.drawn);
  assert.deepEqual(CBT.quiz.attemptOrder(idx.quiz, back.quiz, idx.hash),
    CBT.quiz.attemptOrder(idx.quiz, s.quiz, idx.hash));
  assert.equal(back.quiz.pos, 2);
});

test("a damaged draw is refused", () => {
  const { idx, s } = started(13);
  const bad = JSON.parse(JSON.stringify(s));
  bad.quiz.drawn = bad.quiz.drawn.map(() => 1);
  assert.equal(CBT.suspend.decode(idx, CBT.suspend.encode(idx, bad)), null);
});
