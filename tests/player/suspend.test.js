"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { CBT, fixture, load, maximal } = require("./helpers.js");

const sus = CBT.suspend;

function comparable(s) {
  return JSON.stringify([s.page, s.visited, s.done, s.seen, s.answer, s.text, s.quiz && {
    attempt: s.quiz.attempt, submitted: s.quiz.submitted, pos: s.quiz.pos, score: s.quiz.score,
    answers: s.quiz.answers }]);
}

for (const name of ["player-full", "player-linear"]) {
  test(name + ": the maximal state survives a round trip", () => {
    const { idx } = load(fixture(name));
    const s = maximal(idx);
    const text = sus.encode(idx, s);
    const back = sus.decode(idx, text);
    assert.ok(back, "decodes");
    assert.equal(comparable(back), comparable(s));
    assert.ok(text.length <= 4096);
  });
}

test("a fresh state is tiny and ASCII", () => {
  const { idx, s } = load(fixture("player-full"));
  const text = sus.encode(idx, s);
  assert.match(text, /^[\x20-\x7e]+$/);
  assert.ok(text.length < 27, text); // 16 of them the header
  assert.equal(comparable(sus.decode(idx, text)), comparable(s));
});

test("a state in the middle of a quiz attempt round-trips", () => {
  const { idx, s } = load(fixture("player-full"));
  let t = CBT.state.apply(idx, s, { type: "quizStart" });
  t = CBT.state.apply(idx, t, { type: "quizAnswer", q: 1, value: [0, 3] });
  t = CBT.state.apply(idx, t, { type: "quizPos", pos: 2 });
  t = CBT.state.apply(idx, t, { type: "type", page: 5, field: 0, text: "Caf\u00e9 \ud83d\ude00\nline two" });
  const back = sus.decode(idx, sus.encode(idx, t));
  assert.equal(comparable(back), comparable(t));
  assert.deepEqual(back.saved[5], back.text[5], "restored text counts as already reported");
});

test("foreign, damaged or other-course data is rejected, never thrown", () => {
  const { idx, s } = load(fixture("player-full"));
  const other = load(fixture("player-linear")).idx;
  const good = sus.encode(idx, maximal(idx));
  const bad = [
    "", "garbage", null, undefined, 42, "{\"json\":true}",
    sus.encode(other, maximal(other)),              // another course structure
    "3" + good.slice(1),                            // another format version
    good.slice(0, 12),                              // cut inside the header
    good.slice(0, 9) + "!" + good.slice(10),        // a save count that is no number
    good.slice(0, -1),                              // lost its end marker
    good.slice(0, 40),                              // cut short
    good + "x",                                     // trailing junk
    good.replace(".", "!."),                        // bad body character
  ];
  for (const text of bad) assert.equal(sus.decode(idx, text), null, String(text).slice(0, 30));
  assert.ok(sus.decode(idx, good));
  // An out-of-range field: the page index has 4 bits for pages 0..11; "_" makes it 15.
  const enc = sus.encode(idx, s);
  assert.ok(sus.decode(idx, enc));
  assert.equal(sus.decode(idx, enc.slice(0, 16) + "_" + enc.slice(17)), null);
});

test("the header carries the save count and the next interaction index, saturating", () => {
  const { idx, s } = load(fixture("player-full"));
  const text = sus.encode(idx, s, { saves: 70, next: 5 });
  assert.deepEqual(sus.meta(text), { saves: 70, next: 5 });
  assert.equal(text.slice(9, 16), "AABGAAF"); // 70 = 1*64 + 6; 5
  assert.deepEqual(sus.meta(sus.encode(idx, s, { saves: 1e12, next: 1e12 })),
    { saves: sus.MAX_SAVES, next: sus.MAX_NEXT });
  assert.deepEqual([sus.MAX_SAVES, sus.MAX_NEXT], [16777215, 262143]);
  assert.deepEqual(sus.meta(sus.encode(idx, s)), { saves: 0, next: 0 });
});

test("format 1 (before the save count) is still read, as count 0", () => {
  const { idx } = load(fixture("player-full"));
  const s = maximal(idx);
  const v2 = sus.encode(idx, s, { saves: 9, next: 9 });
  const v1 = "1" + v2.slice(1, 9) + v2.slice(16);
  assert.equal(comparable(sus.decode(idx, v1)), comparable(s));
  assert.deepEqual(sus.meta(v1), { saves: 0, next: 0 });
});

test("widths", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 255, 256, 2000].map(sus.width), [0, 1, 2, 2, 3, 8, 9, 11]);
  assert.equal(sus.prefixChars(63), 1);
  assert.equal(sus.prefixChars(64), 2);
});
