"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { CBT } = require("./helpers.js");
const cmi = CBT.cmi;

test("timespan is CMITimespan with 2-4 digit hours (RTE 1.2 3.4.4)", () => {
  assert.equal(cmi.timespan(0), "00:00:00.00");
  assert.equal(cmi.timespan(65300), "00:01:05.30");
  assert.equal(cmi.timespan(3 * 3600e3 + 7e3), "03:00:07.00");
  assert.equal(cmi.timespan(123 * 3600e3), "123:00:00.00");
  assert.equal(cmi.timespan(1e12), "9999:59:59.99");
  assert.equal(cmi.timespan(-5), "00:00:00.00");
  for (const ms of [0, 999, 59999, 3599999, 86400000, 1e12]) {
    assert.match(cmi.timespan(ms), cmi.FORMAT.timespan);
  }
});

test("timeOfDay is CMITime", () => {
  assert.equal(cmi.timeOfDay(new Date(2024, 0, 1, 7, 5, 9)), "07:05:09");
  assert.match(cmi.timeOfDay(new Date()), cmi.FORMAT.time);
});

test("letters and truncation", () => {
  assert.equal(cmi.letter(0), "a");
  assert.equal(cmi.letter(25), "z");
  assert.equal(cmi.truncate("abc", 5), "abc");
  assert.equal(cmi.truncate("abcdef", 3), "abc");
  // never half a surrogate pair
  assert.equal(cmi.truncate("ab\ud83d\ude00", 3), "ab");
});

test("vocabulary has no SCORM 2004 values", () => {
  assert.ok(!Object.values(cmi.RESULT).includes("incorrect"));
  assert.ok(!Object.values(cmi.EXIT).includes("normal"));
  assert.ok(!cmi.SETTABLE_STATUS.includes("not attempted"));
});
