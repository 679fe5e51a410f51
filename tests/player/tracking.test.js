"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { CBT, fixture, load } = require("./helpers.js");

const course = fixture("player-full");
const now = new Date(2024, 4, 6, 9, 8, 7);

function run(idx, b, a, next = 0) {
  return CBT.tracking.writes(idx, b, a, { next, now, t: 5000, suspend: CBT.suspend.encode(idx, b) });
}

function asMap(set) {
  return Object.fromEntries(set);
}

test("a classifier answer becomes one choice interaction at the next index", () => {
  const { idx, s } = load(course);
  const b = CBT.state.apply(idx, s, { type: "go", page: 2, t: 1000 });
  const a = CBT.state.apply(idx, b, { type: "answer", page: 2, value: 1, t: 5000 });
  const w = run(idx, b, a, 4);
  assert.equal(w.interactions, 1);
  assert.equal(w.set[0][0], "cmi.interactions.4.id", "id first");
  const m = asMap(w.set);
  assert.equal(m["cmi.interactions.4.id"], "classify-refund");
  assert.equal(m["cmi.interactions.4.type"], "choice");
  assert.equal(m["cmi.interactions.4.student_response"], "b");
  assert.equal(m["cmi.interactions.4.correct_responses.0.pattern"], "a");
  assert.equal(m["cmi.interactions.4.result"], "wrong");
  assert.equal(m["cmi.interactions.4.time"], "09:08:07");
  assert.equal(m["cmi.interactions.4.latency"], "00:00:04.00");
  assert.equal(m["cmi.interactions.4.weighting"], "0");
  assert.ok(m["cmi.suspend_data"]);
  assert.equal(m["cmi.core.lesson_location"], undefined, "same page");
});

test("poll is likert/neutral; reflection is fill-in, one line, at most 255", () => {
  const { idx, s } = load(course);
  let a = CBT.state.apply(idx, s, { type: "answer", page: 4, value: 2 });
  let m = asMap(run(idx, s, a).set);
  assert.equal(m["cmi.interactions.0.type"], "likert");
  assert.equal(m["cmi.interactions.0.student_response"], "c");
  assert.equal(m["cmi.interactions.0.result"], "neutral");
  assert.equal(m["cmi.interactions.0.correct_responses.0.pattern"], undefined);
  const b = CBT.state.apply(idx, a, { type: "type", page: 5, field: 0, text: "one\ntwo  " + "x".repeat(300) });
  assert.equal(run(idx, a, b).interactions, 0, "typing alone is not journaled");
  a = CBT.state.apply(idx, b, { type: "save", page: 5, field: 0 });
  m = asMap(run(idx, b, a).set);
  assert.equal(m["cmi.interactions.0.id"], "my-ideas__1");
  assert.equal(m["cmi.interactions.0.type"], "fill-in");
  assert.equal(m["cmi.interactions.0.student_response"].length, 119, "120 kept, two spaces collapsed");
  assert.match(m["cmi.interactions.0.student_response"], /^one two x+$/);
});

test("quiz submit: every question, score before status, true-false as t/f", () => {
  const { idx, s } = load(course);
  let t = CBT.state.apply(idx, s, { type: "quizStart" });
  for (const [q, v] of [[0, 0], [1, [1, 0]], [2, 1]]) t = CBT.state.apply(idx, t, { type: "quizAnswer", q, value: v });
  const a = CBT.state.apply(idx, t, { type: "quizSubmit" });
  const w = run(idx, t, a, 0);
  assert.equal(w.interactions, 3);
  const m = asMap(w.set);
  const byId = {};
  for (let n = 0; n < 3; n++) byId[m[`cmi.interactions.${n}.id`]] = n;
  const mc = byId["final-quiz__q-blocks"];
  assert.equal(m[`cmi.interactions.${mc}.student_response`], "a,b");
  assert.equal(m[`cmi.interactions.${mc}.correct_responses.0.pattern`], "a,b,c");
  assert.equal(m[`cmi.interactions.${mc}.result`], "wrong");
  const tf = byId["final-quiz__q-internal"];
  assert.equal(m[`cmi.interactions.${tf}.type`], "true-false");
  assert.equal(m[`cmi.interactions.${tf}.student_response`], "f");
  assert.equal(m[`cmi.interactions.${tf}.correct_responses.0.pattern`], "t");
  assert.equal(m["cmi.core.score.raw"], "33");
  assert.equal(m["cmi.core.score.min"], "0");
  assert.equal(m["cmi.core.score.max"], "100");
  assert.equal(m["cmi.core.lesson_status"], "failed");
  const keys = w.set.map((x) => x[0]);
  assert.ok(keys.indexOf("cmi.core.score.raw") < keys.indexOf("cmi.core.lesson_status"));
  for (const [k, v] of w.set) {
    if (k.endsWith(".result")) assert.ok(["correct", "wrong", "neutral"].includes(v));
    if (k.endsWith(".latency")) assert.match(v, CBT.cmi.FORMAT.timespan);
  }
  assert.equal(run(idx, a, a).set.length, 0, "no change, no writes");
});

test("moving writes the bookmark", () => {
  const { idx, s } = load(course);
  const a = CBT.state.apply(idx, s, { type: "go", page: 3 });
  const m = asMap(run(idx, s, a).set);
  assert.equal(m["cmi.core.lesson_location"], "basics/complete");
});

test("review mode keeps the place but never changes the recorded result", () => {
  const { idx, s } = load(course);
  const b = CBT.state.apply(idx, s, { type: "go", page: 2, t: 1000 });
  const a = CBT.state.apply(idx, b, { type: "answer", page: 2, value: 1, t: 5000 });
  const moved = CBT.state.apply(idx, a, { type: "go", page: 3, t: 6000 });
  const ctx = { next: 0, now, t: 6000, suspend: "LMS copy", review: true };
  const w = CBT.tracking.writes(idx, b, moved, ctx);
  assert.deepEqual(w.set, [["cmi.core.lesson_location", CBT.tracking.bookmark(idx, 3)]]);
  assert.equal(w.interactions, 0);
  assert.equal(w.suspend, "LMS copy", "the LMS's suspend_data is left as it was");
});

test("the save count goes up with each change, and the next interaction index rides along", () => {
  const { idx, s } = load(course);
  const ctx = (b, saves, next) => ({ next, now, t: 5000, saves,
    suspend: CBT.suspend.encode(idx, b, { saves, next }) });
  const b = CBT.state.apply(idx, s, { type: "go", page: 2, t: 1000 });
  // Nothing changed: nothing written, the count stays.
  const same = CBT.tracking.writes(idx, b, b, ctx(b, 7, 3));
  assert.deepEqual([same.set, same.saves], [[], 7]);
  // An answer: one interaction at index 3, suspend_data with count 8 and next index 4.
  const a = CBT.state.apply(idx, b, { type: "answer", page: 2, value: 1, t: 5000 });
  const w = CBT.tracking.writes(idx, b, a, ctx(b, 7, 3));
  const m = asMap(w.set);
  assert.equal(m["cmi.interactions.3.id"], "classify-refund");
  assert.deepEqual(CBT.suspend.meta(m["cmi.suspend_data"]), { saves: 8, next: 4 });
  assert.deepEqual([w.saves, w.suspend], [8, m["cmi.suspend_data"]]);
  // Moving on: the count goes up again.
  const c = CBT.state.apply(idx, a, { type: "go", page: 3, t: 6000 });
  const w2 = CBT.tracking.writes(idx, a, c, { next: 4, now, t: 6000, saves: w.saves, suspend: w.suspend });
  assert.deepEqual(CBT.suspend.meta(asMap(w2.set)["cmi.suspend_data"]), { saves: 9, next: 4 });
});
