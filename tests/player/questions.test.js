"use strict";
// The question types of player/questions/: numeric, fill_in, matching, sequencing.
const test = require("node:test");
const assert = require("node:assert/strict");
const { CBT, fixture, load } = require("./helpers.js");

const course = fixture("questions");
const now = new Date(2024, 4, 6, 9, 8, 7);
const apply = (idx, s, a) => CBT.state.apply(idx, s, a);
const kc = (idx) => idx.pages[1].screen.questions; // hisp (fill_in), eo, hcd, share
const quizQ = (idx, id) => idx.quiz.questions.findIndex((q) => q.id === id);

function run(idx, b, a, next = 0) {
  return CBT.tracking.writes(idx, b, a, { next, now, t: 5000, suspend: CBT.suspend.encode(idx, b) });
}

function records(w) {
  const out = {};
  for (const [el, v] of w.set) {
    const m = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(el);
    if (m) (out[m[1]] = out[m[1]] || {})[m[2]] = v;
  }
  return Object.values(out);
}

test("numeric: typed text becomes a canonical decimal, or nothing", () => {
  const q = load(course).idx.pages[0].screen.question;
  const T = CBT.qtypes.numeric;
  assert.equal(T.valid(q, " 45 "), "45");
  assert.equal(T.valid(q, "1,000.50"), "1000.5");
  assert.equal(T.valid(q, "-.5"), "-0.5");
  assert.equal(T.valid(q, "007."), "7");
  assert.equal(T.valid(q, "-0"), "0");
  for (const bad of ["", "-", ".", "4-5", "1.2.3", "45 points", "1e3", "1234567890123456", null, 45]) {
    assert.equal(T.valid(q, bad), null, String(bad));
  }
  assert.ok(CBT.quiz.isCorrect(q, "45"));
  assert.ok(!CBT.quiz.isCorrect(q, "44.9"));
});

test("numeric: a tolerance and a range are inclusive, with decimal fractions exact", () => {
  const { idx } = load(course);
  const tol = idx.quiz.questions[quizQ(idx, "q-nps")]; // 30 ± 1
  for (const v of ["29", "30", "31", "30.999"]) assert.ok(CBT.quiz.isCorrect(tol, v), v);
  for (const v of ["28.999", "31.001", "-30"]) assert.ok(!CBT.quiz.isCorrect(tol, v), v);
  const range = kc(idx)[3]; // [18, 22]
  assert.ok(CBT.quiz.isCorrect(range, "18") && CBT.quiz.isCorrect(range, "22"));
  assert.ok(!CBT.quiz.isCorrect(range, "22.01"));
  const tiny = { type: "numeric", min: 0.3, max: 0.3 };
  assert.ok(CBT.quiz.isCorrect(tiny, String(0.1 + 0.2)), "0.1 + 0.2 is 0.3");
});

test("fill_in: case-insensitive by default, spaces never matter; case_sensitive holds", () => {
  const { idx } = load(course);
  const q = kc(idx)[0];
  assert.equal(CBT.qtypes.fill_in.valid(q, "  high\t impact\n"), "high impact");
  assert.equal(CBT.qtypes.fill_in.valid(q, "   "), null);
  for (const v of ["Providers", "providers", " PROVIDER "]) {
    assert.ok(CBT.quiz.isCorrect(q, CBT.qtypes.fill_in.valid(q, v)), v);
  }
  assert.ok(!CBT.quiz.isCorrect(q, "Provide"));
  const cs = idx.quiz.questions[quizQ(idx, "q-cx")];
  assert.ok(CBT.quiz.isCorrect(cs, "Customer"));
  assert.ok(!CBT.quiz.isCorrect(cs, "customer"));
});

test("matching and sequencing: only complete, well-formed answers are answers", () => {
  const { idx } = load(course);
  const [, eo, hcd] = kc(idx);
  assert.deepEqual(CBT.state.validAnswer(eo, [0, 1, 2]), [0, 1, 2]);
  assert.deepEqual(CBT.state.validAnswer(eo, [3, 3, 3]), [3, 3, 3], "the same match may be picked twice");
  for (const bad of [[0, 1], [0, 1, 4], [0, 1, -1], [0, 1, 1.5], "012", null]) {
    assert.equal(CBT.state.validAnswer(eo, bad), null, JSON.stringify(bad));
  }
  assert.ok(CBT.quiz.isCorrect(eo, [0, 1, 2]));
  assert.ok(!CBT.quiz.isCorrect(eo, [1, 0, 2]));
  assert.deepEqual(CBT.state.validAnswer(hcd, [3, 2, 1, 0]), [3, 2, 1, 0]);
  for (const bad of [[0, 1, 2], [0, 1, 2, 2], [0, 1, 2, 4], null]) {
    assert.equal(CBT.state.validAnswer(hcd, bad), null, JSON.stringify(bad));
  }
  assert.ok(CBT.quiz.isCorrect(hcd, [0, 1, 2, 3]));
  assert.ok(!CBT.quiz.isCorrect(hcd, [1, 0, 2, 3]));
});

test("the first shown order of a list is never already the right one, and is stable", () => {
  for (const n of [2, 3, 4, 7]) {
    const q = { id: "q" + n };
    const a = CBT.qinput.shuffled(q, n, "order");
    assert.deepEqual(a.slice().sort((x, y) => x - y), [...Array(n).keys()]);
    assert.ok(a.some((v, i) => v !== i), `n=${n}: ${a}`);
    assert.deepEqual(CBT.qinput.shuffled(q, n, "order"), a);
  }
});

test("a question screen's numeric answer: SCORM 1.2 numeric record", () => {
  const { idx, s } = load(course);
  const a = apply(idx, s, { type: "answer", page: 0, value: "45" });
  const [r] = records(run(idx, s, a));
  assert.equal(r.id, "net-promoter-score");
  assert.equal(r.type, "numeric");
  assert.equal(r.student_response, "45");
  assert.equal(r["correct_responses.0.pattern"], "45");
  assert.equal(r.result, "correct");
  assert.equal(apply(idx, s, { type: "answer", page: 0, value: "forty" }), s, "not a number: no answer");
});

test("knowledge check answers: fill-in, matching 1.a, sequencing letters, numeric range middle", () => {
  const { idx, s } = load(course);
  let t = s;
  const values = ["  high  IMPACT ", [1, 0, 2], [3, 0, 1, 2], "20"];
  values.forEach((value, q) => { t = apply(idx, t, { type: "kcAnswer", page: 1, q, value }); });
  const recs = records(run(idx, s, t, 7));
  assert.deepEqual(recs.map((r) => r.type), ["fill-in", "matching", "sequencing", "numeric"]);
  assert.deepEqual(recs.map((r) => r.student_response), ["high IMPACT", "1.b,2.a,3.c", "d,a,b,c", "20"]);
  assert.deepEqual(recs.map((r) => r["correct_responses.0.pattern"]), ["Providers", "1.a,2.b,3.c", "a,b,c,d", "20"]);
  assert.deepEqual(recs.map((r) => r.result), ["wrong", "wrong", "wrong", "correct"]);
  assert.equal(recs[0].id, "check-your-knowledge__hisp");
});

test("a long fill-in response is cut to 255 characters", () => {
  const q = { type: "fill_in", maxLength: 255, answers: ["x"], pattern: "x" };
  assert.equal(CBT.tracking.responseOf(q, "y".repeat(300)).length, 255);
});

test("every answer survives suspend_data: checked, in the quiz, and typed text with its costly characters", () => {
  const { idx, s } = load(course);
  let t = apply(idx, s, { type: "answer", page: 0, value: "-12.75" });
  t = apply(idx, t, { type: "kcAnswer", page: 1, q: 0, value: "Prov\u00e9 \ud83d\ude00 \"x\" .~" });
  t = apply(idx, t, { type: "kcAnswer", page: 1, q: 2, value: [2, 3, 0, 1] });
  t = apply(idx, t, { type: "go", page: 3 });
  t = apply(idx, t, { type: "quizStart" });
  t = apply(idx, t, { type: "quizAnswer", q: quizQ(idx, "q-match"), value: [1, 1] });
  t = apply(idx, t, { type: "quizAnswer", q: quizQ(idx, "q-order"), value: [2, 0, 1] });
  t = apply(idx, t, { type: "quizAnswer", q: quizQ(idx, "q-cx"), value: "Cust" });
  t = apply(idx, t, { type: "quizAnswer", q: quizQ(idx, "q-nps"), value: "0.5" });
  const text = CBT.suspend.encode(idx, t);
  const back = CBT.suspend.decode(idx, text);
  assert.ok(back, text);
  assert.equal(back.answer[0], "-12.75");
  assert.deepEqual(back.answer[1], ["Prov\u00e9 \ud83d\ude00 \"x\" .~", null, [2, 3, 0, 1], null]);
  assert.deepEqual(back.quiz.answers, t.quiz.answers);
  assert.equal(CBT.suspend.encode(idx, back), text);
});

test("damaged answers are refused, never misread", () => {
  const { idx, s } = load(course);
  const t = apply(idx, s, { type: "kcAnswer", page: 1, q: 2, value: [2, 3, 0, 1] });
  assert.ok(CBT.suspend.decode(idx, CBT.suspend.encode(idx, t)));
  // What a damaged writer would store: checks switched off while encoding only.
  function encodeUnchecked(state, type) {
    const valid = CBT.qtypes[type].valid;
    CBT.qtypes[type].valid = (q, v) => v;
    try { return CBT.suspend.encode(idx, state); } finally { CBT.qtypes[type].valid = valid; }
  }
  const bad = JSON.parse(JSON.stringify(t));
  bad.answer[1][2] = [2, 3, 0, 0]; // not a permutation
  assert.equal(CBT.suspend.decode(idx, encodeUnchecked(bad, "sequencing")), null);
  const badNum = JSON.parse(JSON.stringify(s));
  badNum.answer[0] = "1-2";
  assert.equal(CBT.suspend.decode(idx, encodeUnchecked(badNum, "numeric")), null);
});
