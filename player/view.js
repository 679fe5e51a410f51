/* view.js - the page around the screens: header, chapter menu, progress, Back/Next, notices.
 * Builds the frame once and updates it in place (focus stays where the learner is); the
 * screen itself is rebuilt by screens/*.js. Course HTML comes pre-sanitised from the
 * compiler (src/cbtforge/markdown.py); plain labels are inserted as text. */
(function (CBT) {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var ICONS = {
    check: "M5 12.5l4.5 4.5L19 7.5",
    cross: "M7 7l10 10M17 7L7 17",
    progress: "M12 4a8 8 0 0 1 0 16z",
    lock: "M8 11V8a4 4 0 0 1 8 0v3M6 11h12v9H6z",
    info: "M12 11v6M12 7.5v.5",
    menu: "M5 7h14M5 12h14M5 17h14"
  };

  /** createElement with attributes: text, html, class, on<event>, or plain attributes. */
  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    for (var k in attrs || {}) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") el.textContent = v;
      else if (k === "html") el.innerHTML = v;
      else if (k === "class") el.className = v;
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : v);
    }
    add(el, kids);
    return el;
  }

  function add(el, kids) {
    if (kids === null || kids === undefined || kids === false) return;
    if (Array.isArray(kids)) kids.forEach(function (k) { add(el, k); });
    else el.appendChild(typeof kids === "string" ? document.createTextNode(kids) : kids);
  }

  /** A decorative icon: the meaning is always in the text next to it too (WCAG 1.4.1). */
  function icon(name) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "cbt-icon cbt-icon-" + name);
    if (name === "circle" || name === "progress" || name === "info") {
      var c = document.createElementNS(SVG, "circle");
      c.setAttribute("cx", "12"); c.setAttribute("cy", "12"); c.setAttribute("r", "8");
      svg.appendChild(c);
    }
    if (ICONS[name]) {
      var path = document.createElementNS(SVG, "path");
      path.setAttribute("d", ICONS[name]);
      svg.appendChild(path);
    }
    return svg;
  }

  function srOnly(text) {
    return h("span", { class: "cbt-sr-only", text: text });
  }

  var STATUS_TEXT = { complete: "Complete", progress: "In progress", "new": "Not started", locked: "Locked" };
  var STATUS_ICON = { complete: "check", progress: "progress", "new": "circle", locked: "lock" };

  /** Build the frame inside ``app``; ``handlers``: go(page), next(), back(), exit(). */
  function mount(app, idx, handlers) {
    var v = { idx: idx, handlers: handlers, local: {}, viewKey: null };
    app.textContent = "";
    v.header = h("header", { class: "cbt-header" }, [
      h("p", { class: "cbt-course-title", text: idx.course.title }),
      v.mode = h("p", { class: "cbt-mode", hidden: true }),
      // screens/resources.js, bundled only for a course with handouts or resources.
      idx.course.resources ? CBT.screens.resources(v, idx.course.resources) : null,
      v.exit = h("button", { type: "button", class: "cbt-button cbt-exit", text: "Exit course",
        onclick: handlers.exit }),
      // Inside the banner landmark, so every message belongs to a region (axe "region").
      v.alert = h("div", { class: "cbt-alert", hidden: true })
    ]);
    v.menuList = h("ol", { class: "cbt-menu-list", id: "cbt-menu-list" });
    v.menuToggle = h("button", { type: "button", class: "cbt-menu-toggle", "aria-expanded": "false",
      "aria-controls": "cbt-menu-list", onclick: function () { toggleMenu(v); } },
      [icon("menu"), "Chapters"]);
    // A disclosure, not a modal: Tab leaves it freely; Escape closes it and returns focus.
    v.menu = h("nav", { class: "cbt-menu", "aria-labelledby": "cbt-menu-title", onkeydown: function (e) {
      if (e.key !== "Escape" || v.menuToggle.getAttribute("aria-expanded") !== "true") return;
      toggleMenu(v);
      v.menuToggle.focus();
    } }, [
      h("h2", { class: "cbt-menu-title", id: "cbt-menu-title" }, [
        h("span", { class: "cbt-menu-label", text: "Chapters" }), v.menuToggle]),
      v.menuList
    ]);
    v.items = [];
    v.hooks = [];
    idx.chapters.forEach(function (c) {
      if (c.evaluation && idx.quiz) addQuizItem(v);
      addMenuItem(v, c.data.title, function () { return c; });
      if (c.sections.length) CBT.screens.sectionsMenu(v, c);
    });
    if (idx.quiz && !idx.chapters.some(function (c) { return c.evaluation; })) addQuizItem(v);
    v.progress = h("p", { class: "cbt-progress", id: "cbt-progress" });
    v.screen = h("div", { class: "cbt-screen" });
    v.back = h("button", { type: "button", class: "cbt-button", onclick: handlers.back },
      [h("span", { "aria-hidden": "true", text: "\u2190 " }), "Back"]);
    v.hint = h("p", { class: "cbt-next-hint", id: "cbt-next-hint" });
    v.next = h("button", { type: "button", class: "cbt-button cbt-primary", onclick: handlers.next },
      ["Next", h("span", { "aria-hidden": "true", text: " \u2192" })]);
    v.pager = h("nav", { class: "cbt-pager", "aria-label": "Screens" }, [v.back, v.hint, v.next]);
    v.main = h("main", { id: "cbt-main", class: "cbt-main", tabindex: "-1" }, [v.progress, v.screen, v.pager]);
    if (idx.certificate) CBT.screens.certificateMenu(v, addMenuItem, paint);
    app.appendChild(v.header);
    app.appendChild(h("div", { class: "cbt-layout" }, [v.menu, v.main]));
    CBT.announce.mount(v.header);
    return v;
  }

  function addMenuItem(v, title, chapter) {
    var state = h("span", { class: "cbt-menu-state" });
    var btn = h("button", { type: "button", class: "cbt-menu-item" }, [
      h("span", { class: "cbt-menu-icon" }), h("span", { class: "cbt-menu-text", text: title }),
      state]);
    var item = { btn: btn, title: title, state: state, chapter: chapter, reason: "" };
    btn.addEventListener("click", function () {
      if (item.reason) {
        CBT.announce.say(title + " is locked. " + item.reason);
        item.btn.setAttribute("data-reason", item.reason);
        return;
      }
      v.handlers.go(item.target);
      if (v.menuToggle.getAttribute("aria-expanded") === "true") toggleMenu(v);
    });
    v.items.push(item);
    v.menuList.appendChild(h("li", {}, btn));
  }

  /** A menu item's state: icon, class, words, locked and current. */
  function paint(item, cls, status, text, current) {
    item.state.textContent = text;
    // An explicit name: computed from the flex boxes it read "Introduction , Complete".
    item.btn.setAttribute("aria-label", item.title + ", " + text);
    var holder = item.btn.firstChild;
    holder.textContent = "";
    holder.appendChild(icon(STATUS_ICON[status]));
    item.btn.className = cls;
    if (item.reason) item.btn.setAttribute("aria-disabled", "true");
    else item.btn.removeAttribute("aria-disabled");
    if (current) item.btn.setAttribute("aria-current", "true");
    else item.btn.removeAttribute("aria-current");
  }

  function addQuizItem(v) {
    addMenuItem(v, v.idx.quiz.title, function () { return null; });
  }

  function toggleMenu(v) {
    var open = v.menuToggle.getAttribute("aria-expanded") !== "true";
    v.menuToggle.setAttribute("aria-expanded", String(open));
    v.menu.classList.toggle("is-open", open);
  }

  /** Bring menu, progress and pager up to date with ``s`` (in place, focus untouched). */
  function frame(v, s) {
    var idx = v.idx;
    var page = idx.pages[s.page];
    v.items.forEach(function (item) {
      var c = item.chapter();
      var status, lock, current;
      if (c) {
        lock = CBT.navigation.chapterLock(idx, s, c.index);
        status = lock ? "locked" : CBT.state.chapterStatus(idx, s, c.index);
        current = page.ch === c.index;
        item.target = c.first;
      } else {
        lock = CBT.navigation.quizLock(idx, s);
        status = lock ? "locked" : CBT.state.quizStatus(idx, s);
        current = page.kind === "quiz";
        item.target = idx.quizPage;
      }
      item.reason = lock;
      var text = STATUS_TEXT[status];
      if (!c && !lock && s.quiz.score !== null && !CBT.state.inAttempt(s.quiz)) {
        text = CBT.quiz.passed(s.quiz.score, idx.quiz.masteryScore) ? "Passed" : "Not passed";
      }
      paint(item, "cbt-menu-item is-" + status, status, text, current);
    });
    v.hooks.forEach(function (hook) { hook(s); }); // screen modules' parts of the frame
    v.progress.textContent = progressText(idx, s);
    var inQuiz = page.kind === "quiz" && CBT.state.quizView(s) === "question";
    v.pager.hidden = inQuiz;
    var prev = CBT.navigation.prev(idx, s);
    v.back.hidden = prev.page < 0;
    var next = CBT.navigation.next(idx, s);
    v.next.hidden = next.page < 0;
    v.hint.textContent = next.reason;
    if (next.reason) {
      v.next.setAttribute("aria-disabled", "true");
      v.next.setAttribute("aria-describedby", "cbt-next-hint");
    } else {
      v.next.removeAttribute("aria-disabled");
      v.next.removeAttribute("aria-describedby");
    }
    v.nextReason = next.reason;
  }

  function progressText(idx, s) {
    var page = idx.pages[s.page];
    if (page.kind === "certificate") return idx.certificate.title;
    if (page.kind === "quiz") {
      var view = CBT.state.quizView(s);
      if (view === "question") {
        return idx.quiz.title + ": question " + (s.quiz.pos + 1) + " of " + CBT.quiz.size(idx.quiz);
      }
      return idx.quiz.title + (view === "results" ? ": results" : "");
    }
    var c = idx.chapters[page.ch];
    if (c.sections.length) return CBT.screens.sectionProgress(idx, s, c);
    return c.data.title + ": screen " + (page.si + 1) + " of " + c.pages.length;
  }

  /** The key that tells a new screen from an update of the same one. */
  function viewKey(s) {
    return s.page + ":" + (s.quiz ? CBT.state.quizView(s) + ":" + s.quiz.pos + ":" + s.quiz.attempt : "");
  }

  /** Draw ``s``. A new screen gets focus on its h1 and is announced (WCAG 2.4.3); an update
   * of the same screen keeps focus on the control used, or moves it to ``focus``'s element. */
  function render(v, s, dispatch, focus) {
    var key = viewKey(s);
    var isNew = key !== v.viewKey;
    var active = document.activeElement;
    var activeKey = active && v.screen.contains(active) ? active.getAttribute("data-key") : null;
    v.viewKey = key;
    frame(v, s);
    var page = v.idx.pages[s.page];
    var local = v.local[s.page] || (v.local[s.page] = {});
    var ctx = { idx: v.idx, s: s, p: s.page, page: page, screen: page.screen, local: local,
      dispatch: dispatch, view: v };
    var kind = page.kind === "screen" ? page.screen.type : page.kind;
    var title = CBT.screens.title(ctx);
    var h1 = h("h1", { class: "cbt-title", tabindex: "-1", text: title });
    v.screen.textContent = "";
    v.screen.appendChild(h1);
    add(v.screen, CBT.screens[kind](ctx));
    if (isNew) {
      h1.focus();
      document.title = title + " - " + v.idx.course.title;
      // The focused h1 reads the title; the live region adds where the learner is ("Basics:
      // screen 2 of 5") and what the screen marks as news (the quiz score), never the title
      // a second time.
      var news = v.screen.querySelector("[data-announce]");
      CBT.announce.say(v.progress.textContent + (news ? ". " + news.textContent : ""));
      window.scrollTo(0, 0);
    } else {
      var target = focus ? v.screen.querySelector('[data-key="' + focus + '"]') : null;
      if (!target && activeKey) target = v.screen.querySelector('[data-key="' + activeKey + '"]');
      if (target) target.focus();
    }
  }

  function notice(v, text) {
    v.mode.textContent = text;
    v.mode.hidden = !text;
  }

  /** Show or clear the LMS problem banner (text + icon, announced politely). */
  function alert(v, text, kind) {
    v.alert.textContent = "";
    v.alert.hidden = !text;
    if (!text) return;
    v.alert.className = "cbt-alert is-" + (kind || "warn");
    v.alert.appendChild(icon(kind === "ok" ? "check" : "info"));
    v.alert.appendChild(h("span", { text: text }));
    CBT.announce.say(text);
  }

  /** The session is over: only a closing message remains. */
  function ended(v, text) {
    v.menu.hidden = true;
    v.pager.hidden = true;
    v.exit.hidden = true;
    v.progress.textContent = "";
    v.screen.textContent = "";
    var h1 = h("h1", { class: "cbt-title", tabindex: "-1", text: "You have left the course" });
    v.screen.appendChild(h1);
    v.screen.appendChild(h("p", { text: text }));
    h1.focus();
    CBT.announce.say("You have left the course. " + text);
  }

  CBT.view = { h: h, icon: icon, srOnly: srOnly, mount: mount, render: render, frame: frame,
    paint: paint, toggleMenu: toggleMenu, STATUS_TEXT: STATUS_TEXT,
    notice: notice, alert: alert, ended: ended };
})(globalThis.CBT || (globalThis.CBT = {}));
