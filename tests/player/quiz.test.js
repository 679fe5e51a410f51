"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { CBT, fixture, load } = require("./helpers.js");

const course = fixture("player-full");

test("seeded shuffles are permutations, stable per attempt, different across attempts", () => {
  const quiz = course.quiz;
  const a1 = CBT.quiz.questionOrder(quiz, 1, "h");
  assert.deepEqual([...a1].sort(), [0, 1, 2]);
  assert.deepEqual(CBT.quiz.questionOrder(quiz, 1, "h"), a1);
  const orders = new Set();
  for (let n = 1; n <= 12; n++) orders.add(CBT.quiz.optionOrder(quiz, 1, n, "h").join());
  assert.ok(orders.size > 3, "options are reordered across attempts");
  // true/false is never shuffled
  assert.deepEqual(CBT.quiz.optionOrder(quiz, 2, 5, "h"), [0, 1]);
});

test("no shuffle when the quiz does not ask for it", () => {
  const quiz = { ...course.quiz, shuffleQuestions: false, shuffleOptions: false };
  assert.deepEqual(CBT.quiz.questionOrder(quiz, 3, "h"), [0, 1, 2]);
  assert.deepEqual(CBT.quiz.optionOrder(quiz, 0, 3, "h"), [0, 1, 2]);
});

test("correctness by type", () => {
  const [single, multiple, tf] = course.quiz.questions;
  assert.ok(CBT.quiz.isCorrect(single, 0));
  assert.ok(!CBT.quiz.isCorrect(single, 1));
  assert.ok(!CBT.quiz.isCorrect(single, null));
  assert.ok(CBT.quiz.isCorrect(multiple, [0, 1, 2]));
  assert.ok(!CBT.quiz.isCorrect(multiple, [0, 1]));
  assert.ok(!CBT.quiz.isCorrect(multiple, [0, 1, 2, 3]));
  assert.ok(CBT.quiz.isCorrect(tf, 0));
  assert.ok(!CBT.quiz.isCorrect(tf, 1));
});

test("score rounds down so raw >= mastery matches the exact comparison", () => {
  const { idx, s } = load(course);
  s.quiz.answers = [0, [0, 1], 0]; // 2 of 3
  const sc = CBT.quiz.score(idx, s);
  assert.deepEqual([sc.earned, sc.total, sc.raw], [2, 3, 66]);
  assert.ok(CBT.quiz.passed(66, 60));
  assert.ok(!CBT.quiz.passed(59, 60));
});

test("attempts: retake only after a failure, while attempts remain", () => {
  const quiz = course.quiz; // attempts: 2, mastery 60
  assert.ok(CBT.quiz.canStart(quiz, { attempt: 0, submitted: 0, score: null }));
  assert.ok(!CBT.quiz.canStart(quiz, { attempt: 1, submitted: 0, score: null }));
  assert.ok(CBT.quiz.canStart(quiz, { attempt: 1, submitted: 1, score: 33 }));
  assert.ok(!CBT.quiz.canStart(quiz, { attempt: 1, submitted: 1, score: 66 }));
  assert.ok(!CBT.quiz.canStart(quiz, { attempt: 2, submitted: 1, score: 33 }));
  const unlimited = { ...quiz, attempts: null };
  assert.ok(CBT.quiz.canStart(unlimited, { attempt: 4095, submitted: 1, score: 0 }));
  assert.equal(CBT.quiz.attemptsLeft(unlimited, { attempt: 9 }), Infinity);
});
