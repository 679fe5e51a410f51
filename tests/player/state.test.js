"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { CBT, fixture, load } = require("./helpers.js");

const course = fixture("player-full");
const apply = (idx, s, a) => CBT.state.apply(idx, s, a);

test("pages: chapter screens and completion, then the quiz, then the evaluation", () => {
  const { idx } = load(course);
  const kinds = idx.pages.map((p) => p.kind + ":" + p.key);
  assert.deepEqual(kinds, [
    "screen:welcome", "screen:expectations", "screen:classify-refund", "completion:basics/complete",
    "screen:concern", "screen:my-ideas", "screen:check-contact", "completion:practice/complete",
    "quiz:final-quiz", "screen:eval-rating", "screen:eval-comments", "completion:evaluation/complete",
  ]);
  assert.equal(idx.quizPage, 8);
  assert.deepEqual(idx.required.map((c) => c.index), [0, 1]);
});

test("apply never mutates and ignores impossible actions", () => {
  const { idx, s } = load(course);
  const frozen = JSON.stringify(s);
  const n = apply(idx, s, { type: "open", page: 1, item: 2 });
  assert.equal(JSON.stringify(s), frozen);
  assert.deepEqual(n.seen[1], [0, 0, 1]);
  assert.equal(apply(idx, n, { type: "open", page: 1, item: 2 }), n);
  assert.equal(apply(idx, s, { type: "open", page: 0, item: 0 }), s);
  assert.equal(apply(idx, s, { type: "answer", page: 2, value: 7 }), s);
  assert.equal(apply(idx, s, { type: "go", page: 99 }), s);
  assert.equal(apply(idx, s, { type: "nonsense" }), s);
});

test("answers are kept once submitted", () => {
  const { idx, s } = load(course);
  const a = apply(idx, s, { type: "answer", page: 2, value: 1 });
  assert.equal(a.answer[2], 1);
  assert.equal(apply(idx, a, { type: "answer", page: 2, value: 0 }), a);
});

test("reflections: limit, lone surrogates, saved copy", () => {
  const { idx, s } = load(course);
  const a = apply(idx, s, { type: "type", page: 5, field: 1, text: "x".repeat(50) });
  assert.equal(a.text[5][1].length, 40);
  const b = apply(idx, a, { type: "type", page: 5, field: 0, text: "a\ud800b\udc00" });
  assert.equal(b.text[5][0], "a\ufffdb\ufffd");
  const c = apply(idx, b, { type: "save", page: 5, field: 0 });
  assert.equal(c.saved[5][0], "a\ufffdb\ufffd");
  assert.equal(apply(idx, c, { type: "save", page: 5, field: 0 }), c);
});

test("status: incomplete, then failed or passed from the quiz", () => {
  const { idx, s } = load(course);
  assert.equal(s.status, "incomplete");
  let t = apply(idx, s, { type: "quizStart" });
  assert.equal(t.quiz.attempt, 1);
  t = apply(idx, t, { type: "quizAnswer", q: 0, value: 1 });
  t = apply(idx, t, { type: "quizAnswer", q: 1, value: [3] });
  assert.equal(apply(idx, t, { type: "quizSubmit" }), t, "cannot submit with a question unanswered");
  t = apply(idx, t, { type: "quizAnswer", q: 2, value: 0 });
  t = apply(idx, t, { type: "quizSubmit" });
  assert.equal(t.quiz.score, 33);
  assert.equal(t.status, "failed");
  assert.equal(CBT.state.quizView(t), "results");
  t = apply(idx, t, { type: "quizStart" });
  assert.equal(t.quiz.attempt, 2);
  assert.equal(t.status, "failed", "a retake in progress keeps the last result");
  for (const [q, v] of [[0, 0], [1, [2, 0, 1]], [2, 0]]) t = apply(idx, t, { type: "quizAnswer", q, value: v });
  t = apply(idx, t, { type: "quizSubmit" });
  assert.equal(t.quiz.score, 100);
  assert.equal(t.status, "passed");
  assert.equal(apply(idx, t, { type: "quizStart" }), t, "no retake after passing");
});

test("a course without a quiz is completed when every chapter is", () => {
  const noQuiz = { ...course, quiz: null };
  const { idx, s } = load(noQuiz);
  let t = apply(idx, s, { type: "complete", chapter: 0 });
  assert.equal(t.status, "incomplete");
  t = apply(idx, t, { type: "complete", chapter: 1 });
  assert.equal(t.status, "completed", "the evaluation is not required");
});

test("the LMS's status is never taken back", () => {
  assert.equal(CBT.state.mergeStatus("passed", "failed"), "passed");
  assert.equal(CBT.state.mergeStatus("completed", "incomplete"), "completed");
  assert.equal(CBT.state.mergeStatus("failed", "incomplete"), "failed");
  assert.equal(CBT.state.mergeStatus("failed", "passed"), "passed");
  assert.equal(CBT.state.mergeStatus("not attempted", "incomplete"), "incomplete");
});

test("chapter status", () => {
  const { idx, s } = load(course);
  assert.equal(CBT.state.chapterStatus(idx, s, 0), "progress");
  assert.equal(CBT.state.chapterStatus(idx, s, 1), "new");
  const t = apply(idx, s, { type: "complete", chapter: 1 });
  assert.equal(CBT.state.chapterStatus(idx, t, 1), "complete");
});
