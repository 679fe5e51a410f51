"use strict";
// Issue 10: a learner's pasted U+000B (Word's line break) was dropped by LMSs that store
// suspend_data as XML; the length prefix then no longer matched and the whole saved state
// was discarded. The encoder now writes only what such an LMS keeps.
const test = require("node:test");
const assert = require("node:assert/strict");
const { CBT, fixture, load } = require("./helpers.js");

const sus = CBT.suspend;

/** What an XML-backed LMS hands back: characters XML 1.0 cannot hold are gone, and the
 * parser's end-of-line handling turned CR LF and CR into LF. */
function throughXml(text) {
  return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
}

function reflectionPage(idx) {
  return idx.pages.findIndex((page) => page.screen && page.screen.type === "reflection");
}

test("text with characters an LMS drops survives the LMS", () => {
  const { idx, s } = load(fixture("player-full"));
  const p = reflectionPage(idx);
  const typed = "Dear customer,\u000Bthank you\r\nfor\u0007 waiting\rtoday\u0000.\ttab stays";
  const t = CBT.state.apply(idx, s, { type: "type", page: p, field: 0, text: typed });
  const encoded = sus.encode(idx, t);
  assert.equal(throughXml(encoded), encoded, "nothing in the saved state is dropped or rewritten");
  const back = sus.decode(idx, throughXml(encoded));
  assert.ok(back, "the state is still ours after the LMS stored it");
  assert.equal(back.text[p][0], "Dear customer,thank you\nfor waiting\ntoday.\ttab stays");
  assert.equal(back.page, t.page);
});

test("characters an LMS keeps are saved unchanged", () => {
  const { idx, s } = load(fixture("player-full"));
  const p = reflectionPage(idx);
  const typed = "Caf\u00e9 \ud83d\ude00\nline two\t\u00a0\u2028end";
  const t = CBT.state.apply(idx, s, { type: "type", page: p, field: 0, text: typed });
  assert.equal(sus.decode(idx, sus.encode(idx, t)).text[p][0], typed);
});
