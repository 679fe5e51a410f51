"use strict";
// Sections, chapters without a closing screen and their suspend_data (player-sections).
const test = require("node:test");
const assert = require("node:assert/strict");
const { CBT, fixture, load, maximal } = require("./helpers.js");

const apply = (idx, s, a) => CBT.state.apply(idx, s, a);
const nav = CBT.navigation;
// pages: why-it-matters, greet (opening), greet-critique, greet-check, assist (opening),
// assist-practices, plain-section-screen, basics | challenges, unit-two/complete | quiz
const key = (idx, k) => idx.byKey[k];

test("sections are flattened into the chapter with their opening screens", () => {
  const { idx } = load(fixture("player-sections"));
  assert.deepEqual(idx.pages.map((p) => p.key), [
    "why-it-matters", "greet", "greet-critique", "greet-check", "assist", "assist-practices",
    "plain-section-screen", "basics", "challenges", "unit-two/complete", "final-quiz",
    "player_sections/certificate"]);
  assert.equal(idx.chapters[0].completion, -1, "no closing screen");
  assert.equal(idx.pages[7].closes, true, "the last screen carries the chapter's done bit");
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
  assert.match(nav.pageLock(idx, t, 8), /previous chapter/);
  t = apply(idx, t, { type: "go", page: 6 });
  t = apply(idx, t, { type: "go", page: 7 });
  t = apply(idx, t, { type: "kcAnswer", page: 7, q: 0, value: 0 });
  t = apply(idx, t, { type: "kcAnswer", page: 7, q: 1, value: [0, 2] });
  assert.equal(t.done[0], 0, "the last screen is not done yet");
  t = apply(idx, t, { type: "kcAnswer", page: 7, q: 2, value: 1 });
  assert.equal(t.done[0], 1, "the last screen done completes the chapter");
  assert.deepEqual(nav.next(idx, t), { page: 8, reason: "" });
  assert.equal(nav.pageLock(idx, t, 8), "");
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

test("knowledge check: each question checked alone, retried after a wrong answer", () => {
  const { idx, s } = load(fixture("player-sections"));
  const p = idx.byKey.basics;
  assert.deepEqual(s.answer[p], [null, null, null]);
  let t = apply(idx, s, { type: "kcAnswer", page: p, q: 0, value: 1 });
  assert.deepEqual(t.answer[p], [1, null, null]);
  assert.equal(apply(idx, t, { type: "kcAnswer", page: p, q: 0, value: 0 }), t, "checked stays");
  t = apply(idx, t, { type: "kcRetry", page: p, q: 0 });
  assert.deepEqual(t.answer[p], [null, null, null]);
  t = apply(idx, t, { type: "kcAnswer", page: p, q: 0, value: 0 });
  assert.equal(apply(idx, t, { type: "kcRetry", page: p, q: 0 }), t, "a right answer is kept");
  t = apply(idx, t, { type: "kcAnswer", page: p, q: 1, value: [0, 2] });
  t = apply(idx, t, { type: "kcAnswer", page: p, q: 2, value: 0 });
  t = apply(idx, t, { type: "go", page: p });
  assert.match(nav.pendingReason(idx, t, p), /correctly to continue \(1 left\)/);
  t = apply(idx, t, { type: "kcRetry", page: p, q: 2 });
  t = apply(idx, t, { type: "kcAnswer", page: p, q: 2, value: 1 });
  assert.equal(nav.pendingReason(idx, t, p), "");
  const back = CBT.suspend.decode(idx, CBT.suspend.encode(idx, t));
  assert.deepEqual(back.answer[p], [0, [0, 2], 1]);
});

test("knowledge check answers are interactions, unweighted unless scored", () => {
  const { idx, s } = load(fixture("player-sections"));
  const p = idx.byKey.basics;
  const t = apply(idx, s, { type: "kcAnswer", page: p, q: 1, value: [0] });
  const w = CBT.tracking.writes(idx, s, t, { next: 3, now: new Date(0), t: 0, suspend: null });
  const set = Object.fromEntries(w.set);
  assert.equal(w.interactions, 1);
  assert.equal(set["cmi.interactions.3.id"], "basics__k2");
  assert.equal(set["cmi.interactions.3.student_response"], "a");
  assert.equal(set["cmi.interactions.3.correct_responses.0.pattern"], "a,c");
  assert.equal(set["cmi.interactions.3.result"], "wrong");
  assert.equal(set["cmi.interactions.3.weighting"], "0");
});

test("the certificate is earned by passing, on the day it happens, and kept", () => {
  const { idx, s } = load(fixture("player-sections"));
  const cert = idx.certPage;
  assert.equal(idx.pages[cert].kind, "certificate");
  assert.equal(idx.pages[cert].key, "player_sections/certificate");
  assert.match(nav.pageLock(idx, s, cert), /Pass the Final Quiz/);
  let t = CBT.state.apply(idx, s, { type: "go", page: idx.quizPage });
  assert.deepEqual(nav.next(idx, t), { page: -1, reason: "" }, "Next passes over a locked certificate");
  t = { ...t, lmsStatus: "passed" };
  t = CBT.state.apply(idx, t, { type: "go", page: 0, t: Date.UTC(2026, 10, 30, 12) });
  assert.equal(t.earned, CBT.award.day(Date.UTC(2026, 10, 30)));
  assert.equal(nav.pageLock(idx, t, cert), "");
  const back = CBT.suspend.decode(idx, CBT.suspend.encode(idx, t));
  assert.equal(back.earned, t.earned);
});

test("a scored knowledge check counts toward the score and weighs its interactions", () => {
  const course = fixture("player-sections");
  const kc = course.chapters[0].screens.find((sc) => sc.type === "knowledge_check");
  kc.scored = true;
  const { idx, s } = load(course);
  const p = idx.byKey.basics;
  let t = CBT.state.apply(idx, s, { type: "kcAnswer", page: p, q: 0, value: 0 });
  t = CBT.state.apply(idx, t, { type: "kcAnswer", page: p, q: 2, value: 0 });
  const pts = CBT.quiz.points(idx, t);
  assert.equal(pts.total, 3 + 1, "the three check questions and the fixed one (nothing drawn yet)");
  assert.equal(pts.earned, 1, "one right answer so far");
  const w = CBT.tracking.writes(idx, s, t, { next: 0, now: new Date(0), t: 0, suspend: null });
  const set = Object.fromEntries(w.set);
  assert.equal(set["cmi.interactions.0.weighting"], "1");
});
