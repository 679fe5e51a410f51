/* screens/media.js - a video or audio file of the package: the browser's own controls (never
 * autoplay), <source>s in the author's order, caption <track>s (the first on by default) and
 * the transcript behind a disclosure button. Bundled only for courses with media screens.
 *
 * The screen is rebuilt on every render (view.js), but the media element is made once per
 * page and moved into each rebuild within the same task, which the HTML spec does not count
 * as leaving the document: a re-render never restarts it, and a learner who leaves the page
 * (the browser pauses a media element taken out of the document) finds it, on coming back,
 * at the same position with the same captions choice. The transcript toggles in place. */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;

  function player(sc, lang) {
    // An <audio> element never shows captions: audio with captions plays in a video box.
    var tag = sc.kind === "video" || sc.tracks.length ? "video" : "audio";
    var kids = sc.sources.map(function (s) { return h("source", { src: s.src, type: s.type }); });
    sc.tracks.forEach(function (t, i) {
      kids.push(h("track", { kind: "captions", src: t.src, srclang: t.lang || lang, label: t.label, "default": i === 0 }));
    });
    kids.push(h("p", { text: "Your browser cannot play this " + sc.kind + "; the transcript has what is said." }));
    return h(tag, { class: "cbt-media-" + tag + (sc.kind === "audio" ? " is-audio" : ""), controls: true, preload: "metadata", poster: sc.poster,
      "data-key": "media" }, kids);
  }

  screens.media = function (ctx) {
    var sc = ctx.screen;
    var local = ctx.local;
    if (!local.media) local.media = player(sc, ctx.idx.course.language);
    var kids = [screens.prose(sc.html), h("div", { class: "cbt-media" }, [local.media])];
    if (sc.transcriptHtml) {
      var id = "cbt-transcript-" + ctx.p;
      var panel = h("div", { class: "cbt-panel cbt-transcript", id: id, hidden: !local.transcript, html: sc.transcriptHtml });
      var button = h("button", { type: "button", class: "cbt-reveal-button cbt-transcript-button",
        "aria-expanded": String(!!local.transcript), "aria-controls": id, "data-key": "transcript",
        onclick: function () {
          local.transcript = !local.transcript;
          button.setAttribute("aria-expanded", String(local.transcript));
          button.textContent = local.transcript ? "Hide transcript" : "Show transcript";
          panel.hidden = !local.transcript;
        }
      }, local.transcript ? "Hide transcript" : "Show transcript");
      kids.push(h("div", { class: "cbt-transcript-box" }, [button, panel]));
    }
    return kids;
  };
})(globalThis.CBT || (globalThis.CBT = {}));
