/* screens/content.js - text, an image with its alt text, quotations, side-by-side columns. */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;

  screens.content = function (ctx) {
    var sc = ctx.screen;
    var kids = [screens.prose(sc.html)];
    if (sc.image) {
      kids.push(h("figure", { class: "cbt-figure" }, [
        h("img", { src: sc.image.src, alt: sc.image.alt }),
        sc.image.captionHtml ? h("figcaption", { html: sc.image.captionHtml }) : null
      ]));
    }
    sc.quotesHtml.forEach(function (q) {
      kids.push(h("blockquote", { class: "cbt-quote", html: q }));
    });
    if (sc.columns.length) {
      kids.push(h("div", { class: "cbt-columns" }, sc.columns.map(function (c) {
        return h("section", { class: "cbt-column" }, [h("h2", { text: c.heading }), screens.prose(c.html)]);
      })));
    }
    return kids;
  };
})(globalThis.CBT || (globalThis.CBT = {}));
