/* screens/reflection.js - free text, kept across sessions; the limit is enforced by the
 * field and by state.js, and a visible counter says how much is left. */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;

  function countText(len, max) {
    return len + " of " + max + " characters used";
  }

  screens.reflection = function (ctx) {
    var sc = ctx.screen;
    var texts = ctx.s.text[ctx.p];
    return [screens.prose(sc.html)].concat(sc.fields.map(function (f, i) {
      var id = "cbt-field-" + ctx.p + "-" + i;
      var count = h("p", { class: "cbt-count", id: id + "-count", text: countText(texts[i].length, f.maxLength) });
      var box = h("textarea", {
        id: id, rows: String(f.lines), maxlength: String(f.maxLength), "data-key": "field-" + i,
        required: f.required, "aria-describedby": id + "-count",
        oninput: function () {
          var had = count.textContent;
          var kept = ctx.dispatch({ type: "type", page: ctx.p, field: i, text: box.value }).text[ctx.p][i];
          if (kept !== box.value) box.value = kept; // the limit, also for pasted text
          count.textContent = countText(kept.length, f.maxLength);
          // Said once when the limit is reached, not again for every key pressed at it.
          if (kept.length >= f.maxLength && had !== count.textContent) {
            CBT.announce.say("Character limit reached: " + f.maxLength + ".");
          }
        },
        onchange: function () {
          ctx.dispatch({ type: "save", page: ctx.p, field: i }, null, true); // no re-render: focus is moving on
          CBT.announce.say("Your answer to \u201c" + f.label + "\u201d was saved.");
        }
      });
      box.value = texts[i];
      return h("div", { class: "cbt-field" }, [
        h("label", { for: id }, [f.label, f.required ? h("span", { class: "cbt-required", text: " (required)" }) : null]),
        box, count
      ]);
    }));
  };
})(globalThis.CBT || (globalThis.CBT = {}));
