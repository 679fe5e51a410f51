// The SCORM 2004 layer (player/scorm2004.js): its pure translations, then the whole adapter
// (scorm.js's queue over the 2004 bridge) against scorm-again's real Scorm2004API in node.
import test from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { CBT } = require("./helpers.js");
require("../../player/scorm.js");
require("../../player/scorm2004.js");
const { Scorm2004API } = await import("../lms/node_modules/scorm-again/dist/esm/scorm2004.js");

const S = CBT.scorm2004;
const now = new Date(2024, 4, 6, 9, 8, 7);

test("CMITimespan becomes an ISO 8601 duration with at most two decimals", () => {
  assert.equal(S.duration("00:00:01.67"), "PT1.67S");
  assert.equal(S.duration("01:02:03.40"), "PT1H2M3.4S");
  assert.equal(S.duration("00:00:00.00"), "PT0S");
  assert.equal(S.duration("0012:00:00.00"), "PT12H");
  assert.equal(S.duration("00:05:00.05"), "PT5M0.05S");
  assert.equal(S.duration(CBT.cmi.timespan(3723456)), "PT1H2M3.46S");
});

test("a time of day becomes a UTC timestamp of the day it happened, the zone after a fraction", () => {
  const stamp = S.timestamp("09:08:07", now);
  assert.match(stamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:07\.00Z$/);
  assert.equal(new Date(stamp).getTime(), now.getTime());
  const justAfterMidnight = new Date(2024, 4, 7, 0, 0, 30);
  assert.equal(new Date(S.timestamp("23:59:59", justAfterMidnight)).getTime(),
    new Date(2024, 4, 6, 23, 59, 59).getTime(), "yesterday's");
});

test("lesson_status splits into completion and success, and joins back", () => {
  assert.deepEqual(S.SPLIT.passed, ["completed", "passed"]);
  assert.deepEqual(S.SPLIT.failed, ["completed", "failed"]);
  assert.deepEqual(S.SPLIT.completed, ["completed"]);
  assert.deepEqual(S.SPLIT.incomplete, ["incomplete"]);
  for (const status of ["passed", "failed", "completed", "incomplete"]) {
    const [c, s] = S.SPLIT[status];
    assert.equal(S.joinStatus(c, s || "unknown"), status);
  }
  assert.equal(S.joinStatus("unknown", "unknown"), "not attempted");
});

test("interaction writes take 2004's names and formats", () => {
  const memo = { types: {}, ids: {}, patterns: {} };
  const t = (el, v) => S.translate(el, v, memo, now);
  assert.deepEqual(t("cmi.interactions.3.type", "choice"), [["cmi.interactions.3.type", "choice"]]);
  assert.deepEqual(t("cmi.interactions.3.student_response", "a,c"),
    [["cmi.interactions.3.learner_response", "a[,]c"]]);
  assert.deepEqual(t("cmi.interactions.3.correct_responses.0.pattern", "b"),
    [["cmi.interactions.3.correct_responses.0.pattern", "b"]]);
  assert.deepEqual(t("cmi.interactions.3.result", "wrong"), [["cmi.interactions.3.result", "incorrect"]]);
  assert.deepEqual(t("cmi.interactions.3.latency", "00:00:04.00"), [["cmi.interactions.3.latency", "PT4S"]]);
  assert.equal(t("cmi.interactions.3.time", "09:08:07")[0][0], "cmi.interactions.3.timestamp");
  t("cmi.interactions.4.type", "true-false");
  assert.deepEqual(t("cmi.interactions.4.student_response", "f"),
    [["cmi.interactions.4.learner_response", "false"]]);
  t("cmi.interactions.5.type", "fill-in");
  const typed = "{x} a [,] b " + "z".repeat(300);
  const [[, response]] = t("cmi.interactions.5.student_response", typed);
  assert.ok(!response.startsWith("{"), "a leading { would read as a delimiter");
  assert.ok(!response.includes("[,]"), "[,] would split the response in two");
  assert.equal(response.length, 250);
});

test("scalars: score with scaled, exit normal, session time, location", () => {
  const memo = { types: {}, ids: {}, patterns: {} };
  const t = (el, v) => S.translate(el, v, memo, now);
  t("cmi.core.score.min", "0");
  t("cmi.core.score.max", "100");
  assert.deepEqual(t("cmi.core.score.raw", "78"), [["cmi.score.raw", "78"], ["cmi.score.scaled", "0.78"]]);
  assert.deepEqual(t("cmi.core.exit", ""), [["cmi.exit", "normal"]]);
  assert.deepEqual(t("cmi.core.exit", "suspend"), [["cmi.exit", "suspend"]]);
  assert.deepEqual(t("cmi.core.session_time", "00:01:00.00"), [["cmi.session_time", "PT1M"]]);
  assert.deepEqual(t("cmi.core.lesson_location", "p2"), [["cmi.location", "p2"]]);
  assert.deepEqual(t("cmi.core.lesson_status", "passed"),
    [["cmi.completion_status", "completed"], ["cmi.success_status", "passed"]]);
});

function lms(preload) {
  const api = new Scorm2004API({ logLevel: 5, autocommit: false, lmsCommitUrl: false });
  api.loadFromFlattenedJSON(Object.assign({ "cmi.mode": "normal", "cmi.credit": "credit",
    "cmi.entry": "ab-initio", "cmi.learner_id": "u1" }, preload));
  const calls = [];
  // The SCORM 1.2 API beside it: an LMS may offer both; a 2004 package must never use it.
  const api12 = new Proxy({}, { get: (_, fn) => () => { calls.push(fn); return "true"; } });
  const win = { API_1484_11: api, API: api12, setTimeout, clearTimeout };
  win.parent = win;
  return { api, win, calls };
}

test("the adapter over scorm-again: the LMS's scaled passing score, status, score, exit", () => {
  const { api, win, calls } = lms({ "cmi.scaled_passing_score": "0.9" });
  const adapter = new CBT.scorm.Adapter(win, { id: "c" });
  assert.equal(adapter.mode, "lms");
  const info = adapter.start();
  assert.equal(info.mastery, "90", "cmi.scaled_passing_score 0.9 is a mastery score of 90");
  assert.equal(info.entry, "ab-initio");
  adapter.set([["cmi.core.lesson_status", "incomplete"], ["cmi.core.lesson_location", "p1"]]);
  assert.ok(adapter.save());
  assert.equal(api.GetValue("cmi.completion_status"), "incomplete");
  adapter.set([["cmi.core.score.min", "0"], ["cmi.core.score.max", "100"],
    ["cmi.core.score.raw", "82"], ["cmi.core.lesson_status", "failed"]]);
  assert.ok(adapter.save());
  assert.equal(api.GetValue("cmi.score.scaled"), "0.82");
  assert.equal(api.GetValue("cmi.success_status"), "failed");
  assert.equal(api.GetValue("cmi.completion_status"), "completed");
  adapter.finish("suspend");
  const stored = api.renderCommitCMI(true).cmi;
  assert.equal(stored.exit, "suspend");
  assert.match(stored.session_time, /^PT\d/);
  assert.ok(api.isTerminated());
  assert.deepEqual(calls, [], "the SCORM 1.2 API was never called");
});

test("resume reads the 2004 status back as the core's status", () => {
  const { win } = lms({ "cmi.entry": "resume", "cmi.completion_status": "completed",
    "cmi.success_status": "failed", "cmi.location": "quiz", "cmi.suspend_data": "1abc" });
  const info = new CBT.scorm.Adapter(win, { id: "c" }).start();
  assert.deepEqual([info.entry, info.status, info.location, info.suspend],
    ["resume", "failed", "quiz", "1abc"]);
});

test("without API_1484_11 the course runs standalone, even when window.API is there", () => {
  const { win, calls } = lms({});
  delete win.API_1484_11;
  const adapter = new CBT.scorm.Adapter(win, { id: "c" });
  assert.equal(adapter.mode, "local");
  adapter.start();
  assert.deepEqual(calls, []);
});

test("the course's Exit asks the LMS to leave: suspendAll while unfinished, exitAll once done", () => {
  // Watch what reaches scorm-again (it processes the request at Terminate and resets it).
  function session(exit, byLearner) {
    const { api, win } = lms({});
    const sets = [];
    const setValue = api.SetValue.bind(api);
    api.SetValue = (el, v) => { sets.push([el, v, api.isTerminated()]); return setValue(el, v); };
    const adapter = new CBT.scorm.Adapter(win, { id: "c" });
    adapter.start();
    adapter.finish(exit, byLearner);
    assert.ok(api.isTerminated());
    return sets.filter(([el]) => el === "adl.nav.request");
  }
  assert.deepEqual(session("suspend", true), [["adl.nav.request", "suspendAll", false]]);
  assert.deepEqual(session("", true), [["adl.nav.request", "exitAll", false]]);
  assert.deepEqual(session("suspend", false), [], "the window went away: no request");
});

test("numeric, fill-in, matching and sequencing records in 2004's formats, accepted by scorm-again", () => {
  const { fixture, load } = require("./helpers.js");
  const course = fixture("questions");
  const { idx, s } = load(course);
  const page = { getElementById: (id) => (id === "cbt-course" ? { textContent: JSON.stringify(course) } : null) };
  const memo = { types: {}, ids: {}, patterns: CBT.qinput.patterns2004(page, S.response) };
  let a = CBT.state.apply(idx, s, { type: "answer", page: 0, value: "44" });
  [" providers ", [1, 0, 2], [3, 0, 1, 2], "20"].forEach((value, q) => {
    a = CBT.state.apply(idx, a, { type: "kcAnswer", page: 1, q, value });
  });
  a = CBT.state.apply(idx, a, { type: "go", page: 3 });
  a = CBT.state.apply(idx, a, { type: "quizStart" });
  ["Customer", [0, 1], [2, 1, 0], 0, "30"].forEach((value, q) => {
    a = CBT.state.apply(idx, a, { type: "quizAnswer", q, value });
  });
  a = CBT.state.apply(idx, a, { type: "quizSubmit" });
  const w = CBT.tracking.writes(idx, s, a, { next: 0, now, t: 5000, suspend: "" });
  const { api } = lms({});
  api.Initialize("");
  const got = {};
  for (const [el, v] of w.set) {
    for (const [el4, v4] of S.translate(el, v, memo, now)) {
      assert.equal(api.SetValue(el4, v4), "true", `${el4} = ${v4}: ${api.GetLastError()} ${api.GetErrorString(api.GetLastError())}`);
      got[el4] = v4;
    }
  }
  const rows = [];
  for (let n = 0; got[`cmi.interactions.${n}.id`]; n++) {
    const f = (k) => got[`cmi.interactions.${n}.${k}`];
    rows.push([f("id"), f("type"), f("learner_response"), f("correct_responses.0.pattern"), f("result")]);
  }
  assert.deepEqual(rows, [
    ["net-promoter-score", "numeric", "44", "45[:]45", "incorrect"],
    ["check-your-knowledge__hisp", "fill-in", "providers", "Providers", "correct"],
    ["check-your-knowledge__eo", "matching", "1[.]b[,]2[.]a[,]3[.]c", "1[.]a[,]2[.]b[,]3[.]c", "incorrect"],
    ["check-your-knowledge__hcd", "sequencing", "d[,]a[,]b[,]c", "a[,]b[,]c[,]d", "incorrect"],
    ["check-your-knowledge__share", "numeric", "20", "18[:]22", "correct"],
    ["final-quiz__q-cx", "fill-in", "Customer", "{case_matters=true}Customer", "correct"],
    ["final-quiz__q-match", "matching", "1[.]a[,]2[.]b", "1[.]a[,]2[.]b", "correct"],
    ["final-quiz__q-order", "sequencing", "c[,]b[,]a", "a[,]b[,]c", "incorrect"],
    ["final-quiz__q-single", "choice", "a", "a", "correct"],
    ["final-quiz__q-nps", "numeric", "30", "29[:]31", "correct"],
  ]);
});
