/* suspend.js - the learner's state as a compact, versioned string for cmi.suspend_data
 * (CMIString4096: at most 4,096 characters, RTE 1.2 3.4.4). Pure, no DOM.
 *
 * Format, version 2:
 *   "2" + structureHash (8 hex) + SAVES (4 base64url digits) + NEXT (3 digits) + BODY + "." +
 *   TEXTS + "."
 * SAVES counts the saves of this learner's state (saturating at 64^4 - 1), so the newer of the
 *   LMS's copy and this browser's copy can be told apart on relaunch; NEXT is the next free
 *   cmi.interactions index, for LMSs whose cmi.interactions._count is not a number. Version 1
 *   (the same without SAVES and NEXT) is still read, as 0 and 0.
 * BODY: fixed-width unsigned fields, most significant bit first, packed six bits per
 *   character in the base64url alphabet (A-Z a-z 0-9 - _), trailing "A"s (zero bits) dropped.
 * TEXTS: for every typed answer (fill-in) in the walk's order, then every reflection field
 *   in course order (not those of keepAnswers: false screens), its length in UTF-16 code
 *   units as ceil(bits(maxLength) / 6) base64url digits, then the text itself, raw.
 * Raw text with a length prefix costs nothing for non-ASCII characters (escaping would
 * triple them), and every width depends only on the course's structure, so the worst case
 * is known at build time: src/cbtforge/suspend.py mirrors this walk exactly. */
(function (CBT) {
  "use strict";

  var VERSION = "2";
  var OLD_VERSION = "1"; // no SAVES/NEXT: read, never written
  var SAVES_CHARS = 4; // 24 bits: 16,777,215 saves
  var NEXT_CHARS = 3; // 18 bits: 262,143 interactions
  var HEADER = 1 + 8 + SAVES_CHARS + NEXT_CHARS;
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var SCORE_BITS = 7; // 0 = no score yet, else score + 1 (0..100)
  var UNLIMITED_ATTEMPT_BITS = 12; // CBT.quiz.ATTEMPT_CAP = 4095
  var EARNED_DAY_BITS = 16; // the certificate's date (state.earnedDay), 0 = not earned

  /** Bits needed for the values 0..max. */
  function width(max) {
    var w = 0;
    while (max > 0) { w++; max = Math.floor(max / 2); }
    return w;
  }

  function answerWidth(q) {
    if (q.type === "multiple") return q.options.length;
    return width(q.options.length);
  }

  function answerToNumber(q, v) {
    if (v === null) return 0;
    if (q.type === "multiple") {
      return v.reduce(function (m, i) { return m + Math.pow(2, i); }, 0);
    }
    return v + 1;
  }

  function numberToAnswer(q, n) {
    if (n === 0) return null;
    if (q.type === "multiple") {
      var out = [];
      for (var i = 0; i < q.options.length; i++) if (Math.floor(n / Math.pow(2, i)) % 2) out.push(i);
      return out;
    }
    if (n > q.options.length) throw new Error("answer out of range");
    return n - 1;
  }

  /** Visit every stored field in a fixed order; ``io`` either writes or reads them.
   * ``io.num(width, value, max)`` and ``io.text(maxLength, value)`` return the value: walk's
   * texts (typed answers) go to TEXTS before walkTexts' reflections. */
  function walk(idx, s, io) {
    s.page = io.num(width(idx.pages.length - 1), s.page, idx.pages.length - 1);
    idx.pages.forEach(function (page, p) {
      s.visited[p] = io.num(1, s.visited[p], 1);
      if (page.kind === "completion") {
        s.done[page.ch] = io.num(1, s.done[page.ch], 1);
        return;
      }
      if (page.kind === "quiz") {
        walkQuiz(idx, s, io);
        return;
      }
      if (page.kind === "certificate") {
        s.earned = io.num(EARNED_DAY_BITS, s.earned, 65535);
        return;
      }
      var sc = page.screen;
      if (sc.type === "reveal") {
        s.seen[p] = s.seen[p].map(function (v) { return io.num(1, v, 1); });
      } else if (sc.type === "classifier" || sc.type === "poll") {
        var n = sc.type === "poll" ? sc.options.length : sc.categories.length;
        var v = io.num(width(n), s.answer[p] === null ? 0 : s.answer[p] + 1, n);
        s.answer[p] = v ? v - 1 : null;
      } else if (sc.type === "question") {
        s.answer[p] = walkAnswer(sc.question, s.answer[p], io);
      } else if (CBT.kinds[sc.type]) {
        CBT.kinds[sc.type].walk(s, p, sc, io, walkAnswer);
      }
      // A chapter without a closing screen keeps its done bit after its last screen.
      if (page.closes) s.done[page.ch] = io.num(1, s.done[page.ch], 1);
    });
  }

  /** Read or write one question's answer (a type of player/questions/ walks its own). */
  function walkAnswer(q, v, io) {
    if (CBT.qtypes[q.type]) return CBT.qtypes[q.type].walk(q, v, io);
    return numberToAnswer(q, io.num(answerWidth(q), answerToNumber(q, v), Infinity));
  }

  function walkQuiz(idx, s, io) {
    var quiz = idx.quiz;
    var qs = s.quiz;
    var cap = quiz.attempts === null ? CBT.quiz.ATTEMPT_CAP : quiz.attempts;
    var bits = quiz.attempts === null ? UNLIMITED_ATTEMPT_BITS : width(quiz.attempts);
    qs.attempt = io.num(bits, Math.min(qs.attempt, cap), cap);
    qs.submitted = io.num(1, qs.submitted, 1);
    qs.pos = io.num(width(quiz.questions.length - 1), qs.pos, quiz.questions.length - 1);
    var sc = io.num(SCORE_BITS, qs.score === null ? 0 : qs.score + 1, 101);
    qs.score = sc ? sc - 1 : null;
    if (quiz.pools) CBT.pools.walk(quiz, qs, io); // the question banks' draw
    quiz.questions.forEach(function (q, i) {
      qs.answers[i] = walkAnswer(q, qs.answers[i], io);
    });
  }

  function walkTexts(idx, s, io) {
    idx.pages.forEach(function (page, p) {
      var sc = page.screen;
      // keep_answers: false - reported to the LMS, never kept (not in the worst case either).
      if (!sc || sc.type !== "reflection" || sc.keepAnswers === false) return;
      sc.fields.forEach(function (f, i) {
        s.text[p][i] = io.text(f.maxLength, s.text[p][i]);
      });
    });
  }

  function prefixChars(maxLength) {
    return Math.ceil(width(maxLength) / 6);
  }

  function digits(value, chars) {
    var out = "";
    for (var i = 0; i < chars; i++) {
      out = ALPHABET.charAt(value % 64) + out;
      value = Math.floor(value / 64);
    }
    return out;
  }

  /** The text as an LMS keeps it. LMSs that store suspend_data in XML drop the control
   * characters XML 1.0 cannot hold (a Word line break is U+000B) and turn CR LF into LF;
   * the length prefix would then no longer match and the whole state would be discarded
   * as damaged. Dropping them first only ever shortens a text, so the worst case that
   * src/cbtforge/suspend.py proves stays the bound. */
  function storable(text) {
    return text.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g, "");
  }

  function number(text) {
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = ALPHABET.indexOf(text.charAt(i));
      if (c < 0) return -1;
      n = n * 64 + c;
    }
    return n;
  }

  function capped(v, chars) {
    var max = Math.pow(64, chars) - 1;
    return Math.max(0, Math.min(max, Math.floor(+v || 0)));
  }

  /** ``meta``: {saves, next} (absent = 0, 0), written in the header. */
  function encode(idx, s, meta) {
    meta = meta || {};
    var bits = [];
    var texts = [];
    var clone = JSON.parse(JSON.stringify(s)); // the walk writes into its state; keep s intact
    function text(max, v) {
      v = storable(v);
      texts.push(digits(v.length, prefixChars(max)) + v);
      return v;
    }
    walk(idx, clone, {
      num: function (w, v) {
        for (var b = w - 1; b >= 0; b--) bits.push(Math.floor(v / Math.pow(2, b)) % 2);
        return v;
      },
      text: text
    });
    walkTexts(idx, clone, { text: text });
    var body = "";
    for (var i = 0; i < bits.length; i += 6) {
      var c = 0;
      for (var j = 0; j < 6; j++) c = c * 2 + (bits[i + j] || 0);
      body += ALPHABET.charAt(c);
    }
    body = body.replace(/A+$/, "");
    return VERSION + idx.hash + digits(capped(meta.saves, SAVES_CHARS), SAVES_CHARS) +
      digits(capped(meta.next, NEXT_CHARS), NEXT_CHARS) + body + "." + texts.join("") + ".";
  }

  /** {saves, next} from the header of ``text`` (0, 0 for version 1), or null when the header
   * is not ours. Use with decode(): this checks the header only. */
  function meta(text) {
    if (typeof text !== "string") return null;
    if (text.charAt(0) === OLD_VERSION) return { saves: 0, next: 0 };
    if (text.charAt(0) !== VERSION) return null;
    var saves = number(text.substr(9, SAVES_CHARS));
    var next = number(text.substr(9 + SAVES_CHARS, NEXT_CHARS));
    return saves < 0 || next < 0 ? null : { saves: saves, next: next };
  }


  /** The state ``text`` holds, or null when it is not ours: another version, another
   * course structure, or damaged. Never throws. */
  function decode(idx, text) {
    try {
      return decodeOrThrow(idx, text);
    } catch (e) {
      return null;
    }
  }

  function decodeOrThrow(idx, text) {
    if (typeof text !== "string" || !meta(text)) throw new Error("version");
    if (text.substr(1, 8) !== idx.hash) throw new Error("structure");
    var start = text.charAt(0) === VERSION ? HEADER : 9;
    if (text.length < start) throw new Error("short header");
    var end = text.indexOf(".", start);
    if (end < 0) throw new Error("no body end");
    var body = text.slice(start, end);
    var pos = 0;
    var bitPos = 0;
    function bit() {
      var ch = Math.floor(bitPos / 6);
      var c = ch < body.length ? ALPHABET.indexOf(body.charAt(ch)) : 0;
      if (c < 0) throw new Error("bad character");
      var b = Math.floor(c / Math.pow(2, 5 - (bitPos % 6))) % 2;
      bitPos++;
      return b;
    }
    var s = CBT.state.initial(idx);
    pos = end + 1;
    var texts = {
      text: function (max) {
        var chars = prefixChars(max);
        var len = number(text.substr(pos, chars)); // -1 for a character not of the alphabet
        pos += chars;
        if (len < 0 || len > max || pos + len > text.length) throw new Error("bad text");
        var value = text.substr(pos, len);
        pos += len;
        return value;
      }
    };
    walk(idx, s, {
      num: function (w, v, max) {
        var n = 0;
        for (var i = 0; i < w; i++) n = n * 2 + bit();
        if (n > max) throw new Error("value out of range");
        return n;
      },
      text: texts.text
    });
    if (Math.ceil(bitPos / 6) < body.length) throw new Error("body too long");
    for (var k = 0; k < body.length; k++) if (ALPHABET.indexOf(body.charAt(k)) < 0) throw new Error("bad character");
    walkTexts(idx, s, texts);
    if (pos !== text.length - 1 || text.charAt(pos) !== ".") throw new Error("bad end");
    // Consistency a writer of ours always keeps.
    if (s.quiz && s.quiz.attempt === 0 && (s.quiz.submitted || s.quiz.score !== null)) throw new Error("quiz");
    if (s.quiz && idx.quiz.pools && !CBT.pools.valid(idx.quiz, s.quiz)) throw new Error("draw");
    s.saved = s.text.map(function (t) { return t ? t.slice() : t; });
    s.visited[s.page] = 1;
    return s;
  }

  CBT.suspend = {
    VERSION: VERSION, ALPHABET: ALPHABET, width: width, encode: encode, decode: decode,
    meta: meta, walk: walk, prefixChars: prefixChars,
    MAX_SAVES: Math.pow(64, SAVES_CHARS) - 1, MAX_NEXT: Math.pow(64, NEXT_CHARS) - 1
  };
})(globalThis.CBT || (globalThis.CBT = {}));
