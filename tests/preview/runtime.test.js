// The preview's SCORM 1.2 runtime (src/cbtforge/preview/static/runtime.js) and its profiles,
// rule by rule, in node. tests/preview/test_replay.py checks the same runtime against
// scorm-again in Chromium.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "../..");
require(path.join(ROOT, "player/cmi.js"));
require(path.join(ROOT, "src/cbtforge/preview/static/runtime.js"));
require(path.join(ROOT, "src/cbtforge/preview/static/profiles.js"));
const { Runtime, nextLaunch, replay } = globalThis.CbtPreview.runtime;
const profiles = globalThis.CbtPreview.profiles;

function started(options) {
  const rt = new Runtime(options);
  assert.equal(rt.api.LMSInitialize(""), "true");
  return rt;
}

/** [result, error] of one call. */
function call(rt, fn, ...args) {
  const result = rt.api[fn](...args);
  return [result, rt.api.LMSGetLastError()];
}

function set(rt, element, value) {
  return call(rt, "LMSSetValue", element, value);
}

const OK = ["true", "0"];
const BAD_TYPE = ["false", "405"];

test("call order: nothing before LMSInitialize, nothing after LMSFinish (RTE 1.2 3.3)", () => {
  const rt = new Runtime();
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.core.student_id"), ["", "301"]);
  assert.deepEqual(set(rt, "cmi.core.lesson_location", "a"), ["false", "301"]);
  assert.deepEqual(call(rt, "LMSCommit", ""), ["false", "301"]);
  assert.deepEqual(call(rt, "LMSFinish", ""), ["false", "301"]);
  assert.deepEqual(call(rt, "LMSInitialize", "x"), ["false", "201"]);
  assert.deepEqual(call(rt, "LMSInitialize"), ["false", "201"]);
  assert.deepEqual(call(rt, "LMSInitialize", ""), OK);
  assert.deepEqual(call(rt, "LMSInitialize", ""), ["false", "101"]);
  assert.deepEqual(call(rt, "LMSCommit", "x"), ["false", "201"]);
  assert.deepEqual(call(rt, "LMSFinish", ""), OK);
  assert.equal(rt.state, "finished");
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.core.student_id"), ["", "301"]);
  assert.deepEqual(set(rt, "cmi.core.lesson_status", "passed"), ["false", "301"]);
  assert.deepEqual(call(rt, "LMSCommit", ""), ["false", "301"]);
  assert.deepEqual(call(rt, "LMSFinish", ""), ["false", "301"]);
  assert.deepEqual(call(rt, "LMSInitialize", ""), ["false", "101"]);
});

test("vocabularies are exact: no 2004 words, no 'not attempted' (RTE 1.2 3.4)", () => {
  const rt = started();
  assert.deepEqual(set(rt, "cmi.core.lesson_status", "complete"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.core.lesson_status", "not attempted"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.core.lesson_status", "Passed"), BAD_TYPE);
  for (const s of ["passed", "completed", "failed", "incomplete", "browsed"]) {
    assert.deepEqual(set(rt, "cmi.core.lesson_status", s), OK);
  }
  assert.deepEqual(set(rt, "cmi.core.exit", "normal"), BAD_TYPE);
  for (const e of ["", "suspend", "logout", "time-out"]) assert.deepEqual(set(rt, "cmi.core.exit", e), OK);
  set(rt, "cmi.interactions.0.id", "q1");
  assert.deepEqual(set(rt, "cmi.interactions.0.result", "incorrect"), BAD_TYPE);
  assert.match(rt.api.LMSGetDiagnostic(""), /incorrect.*2004/);
  assert.deepEqual(set(rt, "cmi.interactions.0.result", "wrong"), OK);
  assert.deepEqual(set(rt, "cmi.interactions.0.result", "0.5"), OK);
  assert.deepEqual(set(rt, "cmi.interactions.0.type", "long-fill-in"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.objectives.0.status", "not attempted"), OK);
});

test("CMITimespan and CMITime formats", () => {
  const rt = started();
  for (const bad of ["1:2:3", "1:02:03", "00:1:00", "PT1M", "00:75:00", "00:00:61", "00000:00:00", "00:00:00.123"]) {
    assert.deepEqual(set(rt, "cmi.core.session_time", bad), BAD_TYPE, bad);
  }
  for (const good of ["00:00:00", "01:02:03.5", "0001:02:03.45", "9999:59:59.99"]) {
    assert.deepEqual(set(rt, "cmi.core.session_time", good), OK, good);
  }
  set(rt, "cmi.interactions.0.id", "q1");
  assert.deepEqual(set(rt, "cmi.interactions.0.time", "25:00:00"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.interactions.0.time", "2024-01-01T10:00:00"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.interactions.0.time", "23:59:59.5"), OK);
  assert.deepEqual(set(rt, "cmi.interactions.0.latency", "0:00:05"), BAD_TYPE);
});

test("strict limits: lesson_location 255 and suspend_data 4,096 characters, 405 beyond", () => {
  const rt = started();
  assert.deepEqual(set(rt, "cmi.core.lesson_location", "x".repeat(255)), OK);
  assert.deepEqual(set(rt, "cmi.core.lesson_location", "x".repeat(256)), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.suspend_data", "x".repeat(4096)), OK);
  assert.deepEqual(set(rt, "cmi.suspend_data", "x".repeat(5000)), BAD_TYPE);
  assert.match(rt.api.LMSGetDiagnostic(""), /5000 characters; CMIString4096 holds at most 4096/);
  assert.equal(rt.api.LMSGetValue("cmi.suspend_data").length, 4096); // the refused value is not stored
  assert.deepEqual(set(rt, "cmi.comments", "x".repeat(4097)), BAD_TYPE);
});

test("read-only, write-only and keywords (RTE 1.2 3.4)", () => {
  const rt = started({ cmi: { "cmi.core.student_id": "s1" } });
  assert.deepEqual(set(rt, "cmi.core.student_id", "x"), ["false", "403"]);
  assert.deepEqual(set(rt, "cmi.core.entry", "resume"), ["false", "403"]);
  assert.deepEqual(set(rt, "cmi.core.total_time", "00:00:01"), ["false", "403"]);
  assert.deepEqual(set(rt, "cmi.interactions._count", "1"), ["false", "402"]);
  assert.deepEqual(set(rt, "cmi.core._children", "a"), ["false", "402"]);
  assert.deepEqual(set(rt, "cmi._version", "3.4"), ["false", "402"]);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.core.student_id"), ["s1", "0"]);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi._version"), ["3.4", "0"]);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.core.score._children"), ["raw,min,max", "0"]);
  set(rt, "cmi.core.exit", "suspend");
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.core.exit"), ["", "404"]);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.core.session_time"), ["", "404"]);
  assert.deepEqual(set(rt, "cmi.interactions.0.id", "q1"), OK);
  assert.deepEqual(set(rt, "cmi.interactions.0.correct_responses.0.pattern", "a"), OK);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.interactions.0.id"), ["", "404"]);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.interactions._count"), ["1", "0"]);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.interactions.0.correct_responses._count"), ["1", "0"]);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.interactions.0.objectives._count"), ["0", "0"]);
});

test("unknown elements, _children and _count where there are none", () => {
  const rt = started();
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.core.foo"), ["", "401"]);
  assert.deepEqual(call(rt, "LMSGetValue", "xyz.score.result"), ["", "401"]);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.completion_status"), ["", "401"]);
  assert.deepEqual(set(rt, "cmi.core.foo", "x"), ["false", "401"]);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.core.lesson_status._children"), ["", "202"]);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.core.score._count"), ["", "203"]);
  assert.deepEqual(call(rt, "LMSGetValue", ""), ["", "201"]);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.interactions.01.id"), ["", "401"]);
});

test("arrays: n is _count (a new entry) or an existing entry; no gaps", () => {
  const rt = started();
  assert.deepEqual(set(rt, "cmi.interactions.1.id", "q2"), ["false", "201"]);
  assert.deepEqual(set(rt, "cmi.interactions.0.id", "q1"), OK);
  assert.deepEqual(set(rt, "cmi.interactions.0.objectives.1.id", "o"), ["false", "201"]);
  assert.deepEqual(set(rt, "cmi.interactions.1.objectives.0.id", "o"), OK); // 1 == _count
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.interactions._count"), ["2", "0"]);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.objectives.0.id"), ["", "201"]);
  assert.deepEqual(set(rt, "cmi.objectives.0.id", "obj-1"), OK);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.objectives.0.id"), ["obj-1", "0"]);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.objectives.0.score.raw"), ["", "0"]);
});

test("data types: identifiers, scores, decimals, responses, preferences", () => {
  const rt = started();
  assert.deepEqual(set(rt, "cmi.interactions.0.id", "q 1"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.interactions.0.id", ""), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.interactions.0.id", "é"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.interactions.0.id", "final-quiz__q-1"), OK);
  for (const bad of ["150", "-1", "abc", ".5", "1e2"]) assert.deepEqual(set(rt, "cmi.core.score.raw", bad), BAD_TYPE, bad);
  for (const good of ["", "0", "100", "79.5"]) assert.deepEqual(set(rt, "cmi.core.score.raw", good), OK, good);
  assert.deepEqual(set(rt, "cmi.interactions.0.weighting", "1000"), OK);
  assert.deepEqual(set(rt, "cmi.interactions.0.weighting", "one"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.interactions.0.type", "choice"), OK);
  assert.deepEqual(set(rt, "cmi.interactions.0.student_response", "a,c"), OK);
  assert.deepEqual(set(rt, "cmi.interactions.0.student_response", "{a,b}"), OK);
  assert.deepEqual(set(rt, "cmi.interactions.0.student_response", ""), OK);
  assert.deepEqual(set(rt, "cmi.interactions.0.student_response", "A"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.interactions.0.student_response", "Option one"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.interactions.0.correct_responses.0.pattern", ""), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.interactions.1.type", "true-false"), OK);
  assert.deepEqual(set(rt, "cmi.interactions.1.student_response", "true"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.interactions.1.student_response", "t"), OK);
  assert.deepEqual(set(rt, "cmi.interactions.2.type", "fill-in"), OK);
  assert.deepEqual(set(rt, "cmi.interactions.2.student_response", "x".repeat(256)), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.interactions.2.student_response", "Any text, 255 at most"), OK);
  assert.deepEqual(set(rt, "cmi.student_preference.audio", "101"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.student_preference.text", "-1"), OK);
});

test("arguments are strings (RTE 1.2 3.3)", () => {
  const rt = started();
  assert.deepEqual(set(rt, "cmi.core.score.raw", 80), ["false", "201"]);
  assert.deepEqual(set(rt, "cmi.core.lesson_location"), ["false", "201"]);
  assert.deepEqual(call(rt, "LMSGetValue", null), ["", "201"]);
});

test("error functions answer in every state and keep the last error", () => {
  const rt = started();
  set(rt, "cmi.core.lesson_status", "complete");
  assert.equal(rt.api.LMSGetLastError(), "405");
  assert.equal(rt.api.LMSGetErrorString("405"), "Incorrect data type");
  assert.equal(rt.api.LMSGetErrorString("999"), "");
  assert.match(rt.api.LMSGetDiagnostic(""), /^cmi\.core\.lesson_status: "complete"/);
  assert.equal(rt.api.LMSGetDiagnostic("301"), "Not initialized");
  assert.equal(rt.api.LMSGetLastError(), "405");
  assert.equal(rt.api.LMSGetValue("cmi.core.lesson_status"), "not attempted");
  assert.equal(rt.api.LMSGetLastError(), "0");
  const last = rt.log[rt.log.length - 1];
  assert.deepEqual([last.fn, last.result, last.error], ["LMSGetLastError", "0", "0"]);
});

test("the LMS stores the CMI on LMSCommit and LMSFinish, never on SetValue alone", () => {
  const stored = [];
  const rt = started({ onPersist: (snapshot, how) => stored.push([how, snapshot]) });
  set(rt, "cmi.core.lesson_location", "s2");
  assert.equal(stored.length, 0);
  call(rt, "LMSCommit", "");
  set(rt, "cmi.core.lesson_location", "s3");
  set(rt, "cmi.core.exit", "suspend");
  call(rt, "LMSFinish", "");
  assert.deepEqual(stored.map((s) => [s[0], s[1]["cmi.core.lesson_location"]]), [["commit", "s2"], ["finish", "s3"]]);
  assert.equal(stored[1][1]["cmi.core.exit"], "suspend");
});

test("strict end of session: a status the SCO never set becomes completed, then mastery decides", () => {
  const finish = (cmi, writes) => {
    const rt = started({ cmi });
    for (const [k, v] of writes) assert.deepEqual(set(rt, k, v), OK);
    call(rt, "LMSFinish", "");
    return rt.persisted["cmi.core.lesson_status"];
  };
  const mastery = { "cmi.student_data.mastery_score": "80" };
  assert.equal(finish({}, []), "completed");
  assert.equal(finish(mastery, [["cmi.core.score.raw", "50"]]), "failed");
  assert.equal(finish(mastery, [["cmi.core.score.raw", "90"]]), "passed");
  assert.equal(finish(mastery, [["cmi.core.score.raw", "50"], ["cmi.core.lesson_status", "completed"]]), "completed");
  assert.equal(finish({ ...mastery, "cmi.core.credit": "no-credit" }, [["cmi.core.score.raw", "50"]]), "completed");
  assert.equal(finish({ "cmi.core.lesson_mode": "browse" }, []), "browsed");
});

test("moodle: raw score against the mastery score overrides the status at LMSFinish", () => {
  const moodle = profiles.get("moodle");
  const finish = (writes) => {
    const rt = started({ profile: moodle, cmi: { "cmi.student_data.mastery_score": "80" } });
    for (const [k, v] of writes) assert.deepEqual(set(rt, k, v), OK);
    call(rt, "LMSCommit", "");
    const afterCommit = rt.values["cmi.core.lesson_status"];
    call(rt, "LMSFinish", "");
    return [afterCommit, rt.persisted["cmi.core.lesson_status"]];
  };
  assert.deepEqual(finish([["cmi.core.score.raw", "50"], ["cmi.core.lesson_status", "completed"]]), ["completed", "failed"]);
  assert.deepEqual(finish([["cmi.core.score.raw", "50"], ["cmi.core.lesson_status", "passed"]]), ["passed", "failed"]);
  assert.deepEqual(finish([["cmi.core.score.raw", "90"], ["cmi.core.lesson_status", "incomplete"]]), ["incomplete", "passed"]);
  assert.deepEqual(finish([["cmi.core.lesson_status", "incomplete"]]), ["incomplete", "incomplete"]);
  assert.deepEqual(finish([]), ["not attempted", "completed"]);
});

test("moodle: 64,000-character strings, 3-digit decimals, comments append", () => {
  const rt = started({ profile: profiles.get("moodle") });
  assert.deepEqual(set(rt, "cmi.suspend_data", "x".repeat(64000)), OK);
  assert.deepEqual(set(rt, "cmi.suspend_data", "x".repeat(64001)), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.core.lesson_location", "x".repeat(5000)), OK);
  set(rt, "cmi.interactions.0.id", "q1");
  assert.deepEqual(set(rt, "cmi.interactions.0.weighting", "1000"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.interactions.0.weighting", "100"), OK);
  set(rt, "cmi.comments", "one. ");
  set(rt, "cmi.comments", "two.");
  assert.equal(rt.api.LMSGetValue("cmi.comments"), "one. two.");
  // Everything else stays strict.
  assert.deepEqual(set(rt, "cmi.core.session_time", "1:02:03"), BAD_TYPE);
  assert.deepEqual(set(rt, "cmi.core.lesson_status", "complete"), BAD_TYPE);
});

test("cornerstone: LMSCommit during unload returns false; LMSFinish still saves", () => {
  const stored = [];
  const rt = started({ profile: profiles.get("cornerstone"), onPersist: (s, how) => stored.push(how) });
  set(rt, "cmi.core.lesson_location", "s1");
  assert.deepEqual(call(rt, "LMSCommit", ""), OK);
  rt.unloading = true;
  set(rt, "cmi.core.lesson_location", "s2");
  assert.deepEqual(call(rt, "LMSCommit", ""), ["false", "101"]);
  assert.match(rt.api.LMSGetDiagnostic(""), /during unload/);
  assert.deepEqual(call(rt, "LMSFinish", ""), OK);
  assert.deepEqual(stored, ["commit", "finish"]);
  assert.equal(rt.persisted["cmi.core.lesson_location"], "s2");
  assert.equal(rt.log.find((e) => e.fn === "LMSCommit" && e.result === "false").unloading, true);
  // The strict profile commits during unload.
  const strict = started();
  strict.unloading = true;
  assert.deepEqual(call(strict, "LMSCommit", ""), OK);
});

test("successfactors: the session expires after the idle time and every later call fails", () => {
  let clock = 1000;
  const stored = [];
  const rt = started({
    profile: profiles.get("successfactors"), idleSeconds: 60, now: () => clock,
    onPersist: (s) => stored.push(s["cmi.core.lesson_location"])
  });
  set(rt, "cmi.core.lesson_location", "s1");
  clock += 59000;
  assert.deepEqual(call(rt, "LMSCommit", ""), OK);
  clock += 59000; // each call restarts the idle time
  assert.deepEqual(set(rt, "cmi.core.lesson_location", "s2"), OK);
  clock += 60000;
  assert.deepEqual(call(rt, "LMSCommit", ""), ["false", "101"]);
  assert.equal(rt.state, "expired");
  assert.match(rt.api.LMSGetDiagnostic(""), /expired \(60 s without a call\)/);
  assert.deepEqual(call(rt, "LMSGetValue", "cmi.core.lesson_location"), ["", "101"]);
  assert.deepEqual(call(rt, "LMSFinish", ""), ["false", "101"]);
  assert.deepEqual(stored, ["s1"]);
  assert.equal(profiles.get("successfactors").idleSeconds, 1800);
  const now = started({ profile: profiles.get("successfactors") });
  now.expire("expired from the panel");
  assert.deepEqual(call(now, "LMSCommit", ""), ["false", "101"]);
});

test("next launch: entry is resume only after exit suspend; total_time adds up", () => {
  assert.equal(nextLaunch(null, {})["cmi.core.entry"], "ab-initio");
  const stored = {
    "cmi.core.lesson_status": "incomplete", "cmi.core.exit": "suspend",
    "cmi.core.session_time": "00:10:00.5", "cmi.core.total_time": "0001:55:00",
    "cmi.suspend_data": "1abc", "cmi.interactions.0.id": "q1", "cmi.interactions.1.id": "q2"
  };
  const next = nextLaunch(stored, { "cmi.core.student_id": "learner-2" });
  assert.equal(next["cmi.core.entry"], "resume");
  assert.equal(next["cmi.core.total_time"], "02:05:00.50");
  assert.equal(next["cmi.core.exit"], undefined);
  assert.equal(next["cmi.core.session_time"], undefined);
  assert.equal(next["cmi.core.student_id"], "learner-2");
  for (const exit of ["", "logout", "time-out"]) {
    assert.equal(nextLaunch({ ...stored, "cmi.core.exit": exit }, {})["cmi.core.entry"], "");
  }
  const rt = started({ cmi: next });
  assert.equal(rt.api.LMSGetValue("cmi.interactions._count"), "2");
  assert.equal(rt.api.LMSGetValue("cmi.suspend_data"), "1abc");
  assert.deepEqual(set(rt, "cmi.interactions.2.id", "q3"), OK);
});

test("replay gives one verdict per call", () => {
  const out = replay([
    { fn: "LMSInitialize", args: [""] },
    { fn: "LMSSetValue", args: ["cmi.core.session_time", "1:2:3"] },
    { fn: "LMSGetValue", args: ["cmi.core.exit"] },
    { fn: "Nope", args: [] }
  ]);
  assert.deepEqual(out.map((o) => [o.result, o.error]), [["true", "0"], ["false", "405"], ["", "404"], [null, null]]);
});

test("every profile is the strict runtime plus documented overrides", () => {
  assert.deepEqual(profiles.names(), [
    "strict", "moodle", "cornerstone", "successfactors", "openedx"
  ]);
  for (const name of profiles.names()) {
    const p = profiles.get(name);
    assert.equal(p.name, name);
    assert.ok(p.label && p.behaviour.length > 40 && p.source.length > 40, name);
  }
});

test("openedx: blank reads, LMSGetLastError always 0, commits that land late and die at unload",
  async () => {
    const stored = [];
    const rt = started({
      profile: profiles.get("openedx"), latencyMs: 20,
      cmi: { "cmi.core.lesson_status": "incomplete", "cmi.core.entry": "resume",
        "cmi.student_data.mastery_score": "80", "cmi.suspend_data": "kept" },
      onPersist: (s, how) => stored.push([how, s["cmi.core.lesson_location"]])
    });
    for (const el of ["cmi.core.lesson_status", "cmi.core.score.raw", "cmi.interactions._count",
      "cmi.core.entry", "cmi.student_data.mastery_score", "cmi.core.lesson_mode"]) {
      assert.deepEqual(call(rt, "LMSGetValue", el), ["", "0"], el);
    }
    assert.deepEqual(call(rt, "LMSGetValue", "cmi.suspend_data"), ["kept", "0"]);
    // A refused value still says "false", but the error code is never reported.
    assert.deepEqual(set(rt, "cmi.core.lesson_status", "complete"), ["false", "0"]);
    assert.equal(rt.error, "405", "the runtime (and the panel's log) keep the real code");
    set(rt, "cmi.core.lesson_location", "s1");
    assert.deepEqual(call(rt, "LMSCommit", ""), OK);
    assert.deepEqual(stored, [], "acknowledged, not stored yet");
    assert.equal(rt.inflight, 1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(stored, [["commit", "s1"]]);
    set(rt, "cmi.core.lesson_location", "s2");
    assert.deepEqual(call(rt, "LMSCommit", ""), OK);
    rt.unloading = true; // the window closes before the request lands
    set(rt, "cmi.core.exit", "suspend");
    assert.deepEqual(call(rt, "LMSFinish", ""), OK);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.deepEqual(stored, [["commit", "s1"]], "the last commit and the finish are lost");
    assert.deepEqual(rt.lost.map((l) => l.how), ["finish", "commit"]);
    assert.equal(rt.inflight, 0);
    assert.equal(profiles.get("openedx").commitLatencyMs, 300);
    // Other profiles store at once.
    const strict = started({ onPersist: (s, how) => stored.push([how, "strict"]) });
    assert.deepEqual(call(strict, "LMSCommit", ""), OK);
    assert.deepEqual(stored.slice(-1), [["commit", "strict"]]);
  });
