"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { CBT, fixture, load } = require("./helpers.js");

const nav = CBT.navigation;
const apply = (idx, s, a) => CBT.state.apply(idx, s, a);

test("free navigation: Next is always open", () => {
  const { idx, s } = load(fixture("player-full"));
  let t = apply(idx, s, { type: "go", page: 2 });
  assert.deepEqual(nav.next(idx, t), { page: 3, reason: "" });
  assert.equal(nav.pageLock(idx, s, idx.quizPage), "");
  assert.equal(nav.pageLock(idx, s, 9), "");
  t = apply(idx, s, { type: "go", page: 11 });
  assert.equal(nav.next(idx, t).page, -1);
  assert.equal(nav.prev(idx, s).page, -1);
});

test("linear: each interaction gates Next, with the reason in words", () => {
  const { idx, s } = load(fixture("player-linear"));
  // pages: intro, panels, note, first/complete, sort-it, wrap-up, second/complete, quiz
  assert.deepEqual(nav.next(idx, s), { page: 1, reason: "" });
  let t = apply(idx, s, { type: "go", page: 1 });
  assert.match(nav.next(idx, t).reason, /Open all 2 items .*0 opened/);
  t = apply(idx, t, { type: "open", page: 1, item: 0 });
  assert.match(nav.next(idx, t).reason, /1 opened/);
  t = apply(idx, t, { type: "open", page: 1, item: 1 });
  assert.equal(nav.next(idx, t).reason, "");
  t = apply(idx, t, { type: "go", page: 2 });
  assert.match(nav.next(idx, t).reason, /required fields/);
  t = apply(idx, t, { type: "type", page: 2, field: 0, text: "   " });
  assert.match(nav.next(idx, t).reason, /required fields/, "blank is not filled in");
  t = apply(idx, t, { type: "type", page: 2, field: 0, text: "Done." });
  assert.equal(nav.next(idx, t).reason, "");
  t = apply(idx, t, { type: "go", page: 3 });
  assert.match(nav.next(idx, t).reason, /Complete Chapter/);
  t = apply(idx, t, { type: "complete", chapter: 0 });
  assert.equal(nav.next(idx, t).reason, "");
  t = apply(idx, t, { type: "go", page: 4 });
  assert.match(nav.next(idx, t).reason, /Submit your answer/);
});

test("linear: chapters unlock in order, the quiz after every chapter", () => {
  const { idx, s } = load(fixture("player-linear"));
  assert.match(nav.chapterLock(idx, s, 1), /previous chapter/);
  assert.match(nav.pageLock(idx, s, idx.quizPage), /Complete every chapter/);
  assert.match(nav.pageLock(idx, s, 2), /earlier screens/, "no skipping inside a chapter");
  let t = apply(idx, s, { type: "complete", chapter: 0 });
  assert.equal(nav.chapterLock(idx, t, 1), "");
  t = apply(idx, t, { type: "complete", chapter: 1 });
  assert.equal(nav.pageLock(idx, t, idx.quizPage), "");
});

test("resume lands on an allowed page", () => {
  const { idx, s } = load(fixture("player-linear"));
  assert.equal(nav.resumePage(idx, s, 5), 1, "a locked bookmark falls back to the first undone page");
  assert.equal(nav.resumePage(idx, s, 0), 0);
});
