// Encode the maximal learner state of a course payload (JSON file given as argument) and
// print {length, encoded, roundtrip}: tests/test_suspend.py compares the length with the
// Python worst case (src/cbtforge/suspend.py).
"use strict";
const fs = require("node:fs");
const { CBT, maximal } = require("./helpers.js");

const course = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const idx = CBT.state.index(course);
const s = maximal(idx);
// The header at its widest too: the save counter and the interaction index saturated.
const encoded = CBT.suspend.encode(idx, s, { saves: Infinity, next: Infinity });
const back = CBT.suspend.decode(idx, encoded);
const roundtrip = back !== null &&
  CBT.suspend.encode(idx, back, CBT.suspend.meta(encoded)) === encoded;
process.stdout.write(JSON.stringify({ length: encoded.length, encoded, roundtrip }));
