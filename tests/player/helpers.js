// Shared by the node tests: loads the pure player modules the way the browser does (plain
// scripts on one global namespace) and builds states for the tests.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const PLAYER = path.resolve(__dirname, "../../player");
const PURE = ["cmi.js", "quiz.js", "pools.js", "state.js", "navigation.js", "suspend.js", "tracking.js", "checks.js", "ratings.js", "award.js",
  // Question types: pure logic; their render() needs the page only when called.
  "questions/input.js", "questions/numeric.js", "questions/fill_in.js", "questions/matching.js", "questions/sequencing.js"];

for (const name of PURE) require(path.join(PLAYER, name));
const CBT = globalThis.CBT;

function fixture(name) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", name + ".json"), "utf8"));
}

function load(course) {
  const idx = CBT.state.index(course);
  return { idx, s: CBT.state.initial(idx) };
}

/** Characters that cost most in any encoding that escapes: non-ASCII, astral, quotes,
 * separators the format uses, line breaks. */
const WORST = "\u00e9\u4e2d\ud83d\ude00\".~\n\\%&<";

function worstText(n) {
  let out = "";
  while (out.length < n) out += WORST;
  return CBT.cmi.truncate(out, n).padEnd(n, "x");
}

/** Everything visited, opened, answered (with the widest values), every text field full. */
function maximal(idx) {
  const s = CBT.state.initial(idx);
  s.page = idx.pages.length - 1;
  s.visited = s.visited.map(() => 1);
  s.done = s.done.map(() => 1);
  idx.pages.forEach((page, p) => {
    const sc = page.screen;
    if (!sc) return;
    if (sc.type === "reveal") s.seen[p] = s.seen[p].map(() => 1);
    if (sc.type === "classifier") s.answer[p] = sc.categories.length - 1;
    if (sc.type === "poll") s.answer[p] = sc.options.length - 1;
    if (sc.type === "question") s.answer[p] = maxAnswer(sc.question);
    if (sc.type === "knowledge_check") s.answer[p] = sc.questions.map(maxAnswer);
    if (sc.type === "rating") s.answer[p] = sc.statements.map(() => sc.points.length - 1);
    if (sc.type === "reflection") s.text[p] = sc.fields.map((f) => worstText(f.maxLength));
  });
  if (idx.certificate) s.earned = 65535;
  if (s.quiz) {
    const quiz = idx.quiz;
    s.quiz.attempt = quiz.attempts === null ? CBT.quiz.ATTEMPT_CAP : quiz.attempts;
    s.quiz.submitted = 1;
    s.quiz.pos = quiz.questions.length - 1;
    s.quiz.score = 100;
    s.quiz.answers = quiz.questions.map(maxAnswer);
    if (quiz.pools) {
      // A valid draw (exactly `draw` per pool), the last questions of each pool.
      quiz.pools.forEach((pool) => {
        for (let i = 0; i < pool.count; i++) s.quiz.drawn[pool.first + i] = i >= pool.count - pool.draw ? 1 : 0;
      });
      s.quiz.pos = CBT.quiz.size(quiz) - 1;
    }
  }
  return s;
}

function maxAnswer(q) {
  if (q.type === "multiple") return q.options.map((_, i) => i);
  // The widest of each type: the longest number, a full text box of costly characters, every
  // item on the last match, the order reversed.
  // (A number ending in "0" ends in a 1 bit: no zero character is dropped from the end.)
  if (q.type === "numeric") return "-" + "9".repeat(13) + "0";
  if (q.type === "fill_in") return worstText(q.maxLength);
  if (q.type === "matching") return q.items.map(() => q.matches.length - 1);
  if (q.type === "sequencing") return q.items.map((_, i) => q.items.length - 1 - i);
  return q.options.length - 1;
}

module.exports = { CBT, fixture, load, maximal, worstText, PLAYER };
