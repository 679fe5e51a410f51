"use strict";
// Rating screens (ratings.js) and reflections whose answers are not kept (keepAnswers: false).
const test = require("node:test");
const assert = require("node:assert/strict");
const { CBT, fixture, load } = require("./helpers.js");

const course = fixture("player-rating");
const now = new Date(2024, 4, 6, 9, 8, 7);

function run(idx, b, a, next = 0) {
  return CBT.tracking.writes(idx, b, a, { next, now, t: 5000, suspend: CBT.suspend.encode(idx, b) });
}

function pageOf(idx, id) {
  return idx.byKey[id];
}

test("an NPS rating of 10 is one likert interaction, response 'a' (base 36), result neutral", () => {
  const { idx, s } = load(course);
  const p = pageOf(idx, "nps");
  const a = CBT.state.apply(idx, s, { type: "rate", page: p, values: [10] });
  assert.deepEqual(a.answer[p], [10]);
  const w = run(idx, s, a, 3);
  assert.equal(w.interactions, 1);
  const m = Object.fromEntries(w.set);
  assert.equal(w.set[0][0], "cmi.interactions.3.id", "id first");
  assert.equal(m["cmi.interactions.3.id"], "nps__1");
  assert.equal(m["cmi.interactions.3.type"], "likert");
  assert.equal(m["cmi.interactions.3.student_response"], "a");
  assert.equal(m["cmi.interactions.3.result"], "neutral");
  assert.equal(m["cmi.interactions.3.weighting"], "0");
  assert.equal(m["cmi.interactions.3.correct_responses.0.pattern"], undefined);
  // Final, like a poll: a second rating of the same statement changes nothing.
  assert.equal(CBT.state.apply(idx, a, { type: "rate", page: p, values: [3] }), a);
});

test("a grid records each newly rated statement once; labelled points report 1..n", () => {
  const { idx, s } = load(course);
  const p = pageOf(idx, "grid");
  const a = CBT.state.apply(idx, s, { type: "rate", page: p, values: [4, null, 0] });
  let m = Object.fromEntries(run(idx, s, a).set);
  assert.equal(m["cmi.interactions.0.id"], "grid__1");
  assert.equal(m["cmi.interactions.0.student_response"], "5");
  assert.equal(m["cmi.interactions.1.id"], "grid__3");
  assert.equal(m["cmi.interactions.1.student_response"], "1");
  assert.equal(m["cmi.interactions.2.id"], undefined);
  const b = CBT.state.apply(idx, a, { type: "rate", page: p, values: [0, 2, 4] });
  const w = run(idx, a, b, 2);
  assert.equal(w.interactions, 1, "only the statement not rated before");
  m = Object.fromEntries(w.set);
  assert.equal(m["cmi.interactions.2.id"], "grid__2");
  assert.equal(m["cmi.interactions.2.student_response"], "3");
  assert.deepEqual(b.answer[p], [4, 2, 0]);
});

test("values outside the scale are refused", () => {
  const { idx, s } = load(course);
  const p = pageOf(idx, "nps");
  for (const v of [11, -1, 1.5, "3", null]) {
    assert.equal(CBT.state.apply(idx, s, { type: "rate", page: p, values: [v] }), s, String(v));
  }
});

test("a required grid blocks Next under linear navigation until every statement is rated", () => {
  const { idx, s } = load(course);
  const p = pageOf(idx, "grid");
  let t = CBT.state.apply(idx, s, { type: "go", page: p });
  assert.equal(CBT.navigation.next(idx, t).reason, "Rate every statement to continue (3 left).");
  t = CBT.state.apply(idx, t, { type: "rate", page: p, values: [1, 1, null] });
  assert.equal(CBT.navigation.next(idx, t).reason, "Rate every statement to continue (1 left).");
  t = CBT.state.apply(idx, t, { type: "rate", page: p, values: [null, null, 3] });
  assert.equal(CBT.navigation.next(idx, t).reason, "");
  // The NPS scale is not required: Next is open without a rating.
  const n = CBT.state.apply(idx, s, { type: "go", page: pageOf(idx, "nps") });
  assert.equal(CBT.navigation.next(idx, n).reason, "");
});

test("ratings survive suspend_data; answers of keep_answers: false do not, kept ones do", () => {
  const { idx, s } = load(course);
  const grid = pageOf(idx, "grid");
  const nps = pageOf(idx, "nps");
  const a11 = pageOf(idx, "a11");
  const kept = pageOf(idx, "kept");
  let t = CBT.state.apply(idx, s, { type: "rate", page: nps, values: [7] });
  t = CBT.state.apply(idx, t, { type: "rate", page: grid, values: [null, 4, 0] });
  t = CBT.state.apply(idx, t, { type: "type", page: a11, field: 8, text: "Nobody yet." });
  t = CBT.state.apply(idx, t, { type: "save", page: a11, field: 8 });
  t = CBT.state.apply(idx, t, { type: "type", page: kept, field: 0, text: "Listen more." });
  const encoded = CBT.suspend.encode(idx, t);
  assert.equal(encoded.indexOf("Nobody"), -1, "not kept");
  const back = CBT.suspend.decode(idx, encoded);
  assert.deepEqual(back.answer[nps], [7]);
  assert.deepEqual(back.answer[grid], [null, 4, 0]);
  assert.equal(back.text[a11][8], "");
  assert.equal(back.text[kept][0], "Listen more.");
});

test("keep_answers: false answers are still reported as fill-in when saved", () => {
  const { idx, s } = load(course);
  const a11 = pageOf(idx, "a11");
  const b = CBT.state.apply(idx, s, { type: "type", page: a11, field: 0, text: "Veterans and families" });
  const a = CBT.state.apply(idx, b, { type: "save", page: a11, field: 0 });
  const m = Object.fromEntries(run(idx, b, a).set);
  assert.equal(m["cmi.interactions.0.id"], "a11__1");
  assert.equal(m["cmi.interactions.0.type"], "fill-in");
  assert.equal(m["cmi.interactions.0.student_response"], "Veterans and families");
  // The saved state changes only for the next interaction index, never with the text.
  assert.equal(m["cmi.suspend_data"].indexOf("Veterans"), -1);
  assert.equal(m["cmi.suspend_data"].slice(16), CBT.suspend.encode(idx, s).slice(16));
});
