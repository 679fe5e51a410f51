"use strict";
// Sections, chapters without a closing screen and their suspend_data (player-sections).
const test = require("node:test");
const assert = require("node:assert/strict");
const { CBT, fixture, load, maximal } = require("./helpers.js");

const apply = (idx, s, a) => CBT.state.apply(idx, s, a);
const nav = CBT.navigation;
// pages: why-it-matters, greet (opening), greet-critique, greet-check, assist (opening),
// assist-practices, plain-section-screen | challenges, unit-two/complete | quiz
const key = (idx, k) => idx.byKey[k];

test("sections are flattened into the chapter with their opening screens", () => {
  const { idx } = load(fixture("player-sections"));
  assert.deepEqual(idx.pages.map((p) => p.key), [
    "why-it-matters", "greet", "greet-critique", "greet-check", "assist", "assist-practices",
    "plain-section-screen", "challenges", "unit-two/complete", "final-quiz"]);
  assert.equal(idx.chapters[0].completion, -1, "no closing screen");
  assert.equal(idx.pages[6].closes, true, "the last screen carries the chapter's done bit");
  assert.equal(CBT.state.sectionOf(idx, 0), null);
  const sec = CBT.state.sectionOf(idx, key(idx, "greet-check"));
  assert.equal(sec.data.title, "Meet and Greet");
  assert.deepEqual(sec.pages, [1, 2, 3]);
  assert.equal(idx.pages[1].screen.intro, true);
  assert.equal(idx.pages[4].screen.html, "<p>Listen before you solve.</p>");
});

test("a chapter without a closing screen is complete once every screen is done", () => {
  const { idx, s } = load(fixture("player-sections"));
  let t = s;
  for (let p = 1; p <= 3; p++) t = apply(idx, t, { type: "go", page: p });
  assert.match(nav.next(idx, t).reason, /Submit your answer/);
  t = apply(idx, t, { type: "answer", page: 3, value: 1 });
  t = apply(idx, t, { type: "go", page: 4 });
  t = apply(idx, t, { type: "go", page: 5 });
  assert.match(nav.next(idx, t).reason, /Open all 1 items/);
  t = apply(idx, t, { type: "open", page: 5, item: 0 });
  assert.equal(t.done[0], 0);
  assert.match(nav.pageLock(idx, t, 7), /previous chapter/);
  t = apply(idx, t, { type: "go", page: 6 });
  assert.equal(t.done[0], 1, "the last screen visited completes the chapter");
  assert.deepEqual(nav.next(idx, t), { page: 7, reason: "" });
  assert.equal(nav.pageLock(idx, t, 7), "");
});

test("a section cannot be skipped into in linear mode", () => {
  const { idx, s } = load(fixture("player-sections"));
  assert.match(nav.pageLock(idx, s, key(idx, "assist")), /earlier screens/);
});

test("the done bit of a chapter without a closing screen survives suspend_data", () => {
  const { idx } = load(fixture("player-sections"));
  const s = maximal(idx);
  const back = CBT.suspend.decode(idx, CBT.suspend.encode(idx, s));
  assert.deepEqual(back.done, [1, 1]);
  const fresh = CBT.state.initial(idx);
  const again = CBT.suspend.decode(idx, CBT.suspend.encode(idx, fresh));
  assert.deepEqual(again.done, [0, 0]);
});
