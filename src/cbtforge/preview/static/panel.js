/* panel.js - the preview page: an LMS around the course iframe. It reads the package's
 * manifest like an LMS does, launches the SCO under a fresh runtime (runtime.js) with the
 * learner's stored CMI, shows that CMI and every API call, and relaunches on a new build.
 *
 * Learner data lives in this page's localStorage (one record per course): the LMS must store
 * what LMSFinish commits while the course window unloads, and localStorage writes are
 * synchronous, so nothing is lost when the tab closes or the page reloads, where a request to
 * the server could be dropped by the browser. It survives server restarts on the same port.
 *
 * window.cbtPreview exposes the page's state (read-only use, for tests and debugging). */
(function () {
  "use strict";
  // What differs between the standards the page can run (status.standard, from the build):
  // the runtime, the API's name, the manifest's namespaces, the elements the panel shows.
  var STANDARDS = {
    scorm12: {
      label: "SCORM 1.2",
      R: window.CbtPreview.runtime,
      profiles: window.CbtPreview.profiles,
      apiName: "API", // RTE 1.2 3.3: the SCO finds "API" in a parent window
      IMSCP: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
      ADLCP: "http://www.adlnet.org/xsd/adlcp_rootv1p2",
      suspendLimit: 4096,
      errorFns: { LMSGetLastError: 1, LMSGetErrorString: 1, LMSGetDiagnostic: 1 },
      el: { learner: "cmi.core.student_id", entry: "cmi.core.entry", location: "cmi.core.lesson_location",
        response: "student_response" },
      base: function (manifest, store) {
        return {
          "cmi.core.student_id": learnerId(store),
          "cmi.core.student_name": "Learner " + store.learner + ", Preview",
          // RTE 1.2 3.4 cmi.student_data / cmi.launch_data: from the manifest's item.
          "cmi.student_data.mastery_score": manifest.masteryscore,
          "cmi.launch_data": manifest.datafromlms,
          "cmi.student_data.max_time_allowed": manifest.maxtimeallowed,
          "cmi.student_data.time_limit_action": manifest.timelimitaction
        };
      },
      rows: function (v, score) {
        return [
          ["Status", v["cmi.core.lesson_status"], "cmi.core.lesson_status"],
          ["Score", score("cmi.core.score."), "cmi.core.score.raw"],
          ["Entry", v["cmi.core.entry"] === "" ? '""' : v["cmi.core.entry"], "cmi.core.entry"],
          ["Exit", v["cmi.core.exit"] === undefined ? "(not set)" : JSON.stringify(v["cmi.core.exit"]), "cmi.core.exit"],
          ["Session time", v["cmi.core.session_time"] || "(not set)", "cmi.core.session_time"],
          ["Total time", v["cmi.core.total_time"], "cmi.core.total_time"],
          ["Location", v["cmi.core.lesson_location"] || "(empty)", "cmi.core.lesson_location", null, true]
        ];
      },
      mastery: ["Mastery score", "cmi.student_data.mastery_score"]
    },
    scorm2004: {
      label: "SCORM 2004 4th Edition",
      R: window.CbtPreview.runtime2004,
      profiles: {
        names: function () { return ["strict"]; },
        get: function (name) { return name === "strict" ? window.CbtPreview.runtime2004.STRICT : null; }
      },
      apiName: "API_1484_11", // RTE 3.3.6.2 (2004): the SCO finds "API_1484_11"
      IMSCP: "http://www.imsglobal.org/xsd/imscp_v1p1",
      ADLCP: "http://www.adlnet.org/xsd/adlcp_v1p3",
      IMSSS: "http://www.imsglobal.org/xsd/imsss",
      suspendLimit: 64000,
      errorFns: { GetLastError: 1, GetErrorString: 1, GetDiagnostic: 1 },
      el: { learner: "cmi.learner_id", entry: "cmi.entry", location: "cmi.location",
        response: "learner_response" },
      base: function (manifest, store) {
        return {
          "cmi.learner_id": learnerId(store),
          "cmi.learner_name": "Learner " + store.learner + ", Preview",
          // RTE 4.2.18: the primary objective's minNormalizedMeasure (satisfiedByMeasure).
          "cmi.scaled_passing_score": manifest.scaledPassingScore,
          "cmi.launch_data": manifest.datafromlms
        };
      },
      rows: function (v, score) {
        return [
          ["Completion", v["cmi.completion_status"], "cmi.completion_status"],
          ["Success", v["cmi.success_status"], "cmi.success_status"],
          ["Score", score("cmi.score.") + (v["cmi.score.scaled"] ? ", scaled " + v["cmi.score.scaled"] : ""), "cmi.score.raw"],
          ["Entry", v["cmi.entry"] === "" ? '""' : v["cmi.entry"], "cmi.entry"],
          ["Exit", v["cmi.exit"] === undefined ? "(not set)" : JSON.stringify(v["cmi.exit"]), "cmi.exit"],
          ["Session time", v["cmi.session_time"] || "(not set)", "cmi.session_time"],
          ["Total time", v["cmi.total_time"], "cmi.total_time"],
          ["Location", v["cmi.location"] || "(empty)", "cmi.location", null, true]
        ];
      },
      mastery: ["Passing score (scaled)", "cmi.scaled_passing_score"]
    }
  };
  var S = STANDARDS.scorm12;
  var R = S.R;
  var P = S.profiles;
  // The launch parameter the player reads to open a given screen (player/main.js).
  var SCREEN_PARAM = "cbt_screen";

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  var params = new URLSearchParams(location.search);
  var frame = $("pv-course");

  var app = window.cbtPreview = {
    status: null,
    build: 0,
    version: -1,
    manifest: null,
    runtime: null,
    session: 0,
    ready: false,
    profile: null,
    idleSeconds: 0,
    log: [],
    queue: Promise.resolve(),
    lastPersist: null
  };

  // ---- the learner record (the LMS's database) ---------------------------------------------

  function storeKey() {
    // One learner record per course and standard: 1.2 and 2004 data do not mix.
    var standard = app.standard && app.standard !== "scorm12" ? ":" + app.standard : "";
    return "cbtforge-preview:v1:" + app.status.course.id + standard;
  }

  function loadStore() {
    try {
      var s = JSON.parse(localStorage.getItem(storeKey()) || "null");
      if (s && typeof s === "object" && s.learner) return s;
    } catch (e) { /* damaged or blocked: start afresh */ }
    return { learner: 1, persisted: null, launches: 0 };
  }

  function saveStore(s) {
    try { localStorage.setItem(storeKey(), JSON.stringify(s)); } catch (e) { /* full or blocked */ }
  }

  function learnerId(s) { return "learner-" + s.learner; }

  // ---- the manifest, read as an LMS reads it (CAM 1.2; checklist M5-M13) --------------------

  function readManifest() {
    return fetch("/course/imsmanifest.xml", { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error("no imsmanifest.xml at the package root");
      return r.text();
    }).then(function (xml) {
      var doc = new DOMParser().parseFromString(xml, "application/xml");
      if (doc.getElementsByTagName("parsererror").length) throw new Error("imsmanifest.xml is not well-formed XML");
      var IMSCP = S.IMSCP;
      var ADLCP = S.ADLCP;
      var orgs = doc.getElementsByTagNameNS(IMSCP, "organizations")[0];
      var wanted = orgs && orgs.getAttribute("default");
      var org = Array.prototype.filter.call(doc.getElementsByTagNameNS(IMSCP, "organization"), function (o) {
        return !wanted || o.getAttribute("identifier") === wanted;
      })[0];
      var item = org && Array.prototype.filter.call(org.getElementsByTagNameNS(IMSCP, "item"), function (i) {
        return i.getAttribute("identifierref");
      })[0];
      if (!item) throw new Error("the manifest's default organization has no item to launch");
      var resources = doc.getElementsByTagNameNS(IMSCP, "resources")[0];
      var res = Array.prototype.filter.call(doc.getElementsByTagNameNS(IMSCP, "resource"), function (r) {
        return r.getAttribute("identifier") === item.getAttribute("identifierref");
      })[0];
      if (!res || !res.getAttribute("href")) throw new Error("the launched item points to no resource with an href");
      function adlcp(name) {
        var n = item.getElementsByTagNameNS(ADLCP, name)[0];
        return n ? n.textContent.trim() : "";
      }
      var base = (resources.getAttribute("xml:base") || "") + (res.getAttribute("xml:base") || "");
      var measure = "";
      var primary = S.IMSSS && item.getElementsByTagNameNS(S.IMSSS, "primaryObjective")[0];
      if (primary && primary.getAttribute("satisfiedByMeasure") === "true") {
        var min = primary.getElementsByTagNameNS(S.IMSSS, "minNormalizedMeasure")[0];
        measure = min ? min.textContent.trim() : "1.0";
      }
      return {
        scaledPassingScore: measure,
        href: base + res.getAttribute("href"),
        parameters: item.getAttribute("parameters") || "",
        masteryscore: adlcp("masteryscore"),
        datafromlms: adlcp("datafromlms"),
        maxtimeallowed: adlcp("maxtimeallowed"),
        timelimitaction: adlcp("timelimitaction")
      };
    });
  }

  /** item/@parameters and our own parameters, joined the way LMSs do (checklist M13). */
  function launchUrl(manifest, extra) {
    var url = "/course/" + manifest.href;
    var params = manifest.parameters.replace(/^[?&]/, "");
    var fragment = "";
    if (params.charAt(0) === "#") { fragment = params; params = ""; }
    var query = [params, extra].filter(Boolean).join("&");
    return url + (query ? (url.indexOf("?") >= 0 ? "&" : "?") + query : "") + fragment;
  }

  // ---- launching --------------------------------------------------------------------------

  /** Navigate the course frame and resolve when the new document has loaded. */
  function navigate(src) {
    return new Promise(function (resolve) {
      frame.addEventListener("load", function () { resolve(); }, { once: true });
      frame.src = src;
    });
  }

  /** Unload the running SCO: its pagehide/unload handlers call LMSFinish into the current
   * runtime, which stores the data, before anything else happens. */
  function unload() {
    app.ready = false;
    if (!app.runtime || !frame.getAttribute("src") || frame.getAttribute("src") === "about:blank") {
      return Promise.resolve();
    }
    app.runtime.unloading = true;
    return navigate("about:blank");
  }

  /** Relaunch under a new runtime: ``how`` is "launch", "relaunch", "new attempt", "rebuild"
   * or "profile"; ``screen`` a bookmark to return to. Launches run one after the other. */
  function launch(how, screen) {
    app.queue = app.queue.then(function () {
      return doLaunch(how, screen);
    }).catch(function (e) {
      showLaunchError(e);
    });
    return app.queue;
  }

  function doLaunch(how, screen) {
    return unload().then(function () {
      var status = app.status;
      $("pv-empty").hidden = !!status.course;
      frame.hidden = !status.course;
      if (!status.course) return null;
      return readManifest().then(function (manifest) {
        app.manifest = manifest;
        var store = loadStore();
        if (how === "new attempt") {
          store = { learner: store.learner + 1, persisted: null, launches: 0 };
        }
        store.launches += 1;
        saveStore(store);
        var base = S.base(manifest, store);
        var cmi = R.nextLaunch(store.persisted, base);
        app.session += 1;
        app.runtime = new R.Runtime({
          profile: P.get(app.profile),
          idleSeconds: app.profile === "successfactors" ? app.idleSeconds : 0,
          // ?latency=MS: how late an asynchronous LMS (openedx) stores a commit.
          latencyMs: +params.get("latency") >= 0 && params.has("latency") &&
            (P.get(app.profile) || {}).commitLatencyMs ? +params.get("latency") : undefined,
          cmi: cmi,
          onCall: onCall,
          onPersist: onPersist
        });
        window[S.apiName] = app.runtime.api;
        logSession(how, cmi);
        render();
        var extra = screen ? SCREEN_PARAM + "=" + encodeURIComponent(screen) : "";
        return navigate(launchUrl(manifest, extra)).then(function () {
          watchUnload();
          app.ready = true;
          if (screen) goTo(screen);
          render();
        });
      });
    });
  }

  /** A SCO that navigates away by itself (or the page closing) also counts as unloading. */
  function watchUnload() {
    var rt = app.runtime;
    try {
      var win = frame.contentWindow;
      ["beforeunload", "pagehide"].forEach(function (type) {
        // Capture: runs before the SCO's own handlers on the same window.
        win.addEventListener(type, function () { rt.unloading = true; }, { capture: true });
      });
    } catch (e) { /* not our origin: cannot happen for the preview's own course */ }
  }

  function showLaunchError(e) {
    $("pv-empty").hidden = false;
    $("pv-empty").textContent = "The course could not be launched: " + (e && e.message || e);
    frame.hidden = true;
  }

  /** The player's own hook (player/main.js exposes CBT.app): go to the page bookmarked as
   * ``key``. A designer's jump, so linear locks do not apply. */
  function goTo(key) {
    var player;
    try { player = frame.contentWindow.CBT && frame.contentWindow.CBT.app; } catch (e) { player = null; }
    if (!player || !player.idx || player.idx.byKey[key] === undefined) return false;
    if (currentScreen() === key) return true;
    player.dispatch({ type: "go", page: player.idx.byKey[key] });
    return true;
  }

  function currentScreen() {
    return app.runtime ? app.runtime.values[S.el.location] || "" : "";
  }

  function onPersist(snapshot, how) {
    var store = loadStore();
    store.persisted = snapshot;
    saveStore(store);
    app.lastPersist = { how: how, at: new Date() };
  }

  // ---- builds (long polling) --------------------------------------------------------------

  /** Where to return after a rebuild: the learner's screen, or, when its bookmark is gone
   * (a renamed screen gets a new id), the screen now at the same position. */
  function returnTo(before, after, key) {
    if (!key || !after.course) return null;
    var old = before && before.course ? before.course.screens.map(function (s) { return s.key; }) : [];
    var now = after.course.screens.map(function (s) { return s.key; });
    if (now.indexOf(key) >= 0 || old.indexOf(key) < 0) return key;
    return now[Math.min(old.indexOf(key), now.length - 1)];
  }

  function applyStatus(status) {
    var first = app.status === null;
    var newBuild = status.build !== app.build;
    var target = first ? null : returnTo(app.status, status, currentScreen());
    app.status = status;
    app.version = status.version;
    $("pv-course-title").textContent = status.course ? "\u2014 " + status.course.title : "";
    document.title = (status.course ? status.course.title + " \u2014 " : "") + "cbtforge preview";
    showProblems(status);
    $("pv-build").textContent = buildText(status);
    $("pv-download").hidden = !status.course;
    fillScreens(status);
    if (first) {
      S = STANDARDS[status.standard] || STANDARDS.scorm12;
      R = S.R;
      P = S.profiles;
      app.standard = status.standard || "scorm12";
      $("pv-standard").textContent = S.label;
      app.profile = P.get(params.get("profile")) ? params.get("profile") : P.get(status.profile) ? status.profile : "strict";
      app.idleSeconds = +params.get("idle") > 0 ? +params.get("idle") : status.idleSeconds;
      fillProfiles();
    }
    if (first || newBuild) {
      app.build = status.build;
      launch(first ? "launch" : "rebuild", target);
    }
  }

  function buildText(status) {
    if (!status.build) return "Build failed: nothing to show yet.";
    var text = "Build " + status.build + " at " + status.builtAt;
    if (!status.ok) text = "The last save has errors; showing build " + status.build + " from " + status.builtAt;
    if (status.warnings.length) text += " \u00b7 " + status.warnings.length + " warning(s)";
    return text + ".";
  }

  function showProblems(status) {
    var list = $("pv-error-list");
    list.textContent = "";
    var lines = status.ok ? [] : status.problems;
    lines.forEach(function (line) { list.appendChild(el("li", { class: "pv-problem" }, line)); });
    $("pv-errors").hidden = !lines.length;
    $("pv-errors-note").textContent = status.build
      ? "The preview still shows the last good build. Fix these and save:"
      : "Nothing could be built yet. Fix these and save:";
  }

  function poll() {
    fetch("/_preview/api/wait?since=" + app.version, { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (status) {
      if (status.version !== app.version) applyStatus(status);
      poll();
    }).catch(function () {
      $("pv-build").textContent = "The preview server is not answering (stopped?). Retrying\u2026";
      setTimeout(poll, 2000);
    });
  }

  // ---- controls ---------------------------------------------------------------------------

  function fillProfiles() {
    var select = $("pv-profile");
    select.textContent = "";
    P.names().forEach(function (name) {
      var o = el("option", { value: name }, P.get(name).label + " (" + name + ")");
      if (name === app.profile) o.selected = true;
      select.appendChild(o);
    });
    $("pv-idle").value = String(app.idleSeconds);
  }

  function fillScreens(status) {
    var select = $("pv-screen");
    var keep = select.value;
    select.textContent = "";
    var groups = {};
    (status.course ? status.course.screens : []).forEach(function (s) {
      var g = groups[s.group];
      if (!g) { g = groups[s.group] = el("optgroup", { label: s.group }); select.appendChild(g); }
      g.appendChild(el("option", { value: s.key }, s.title));
    });
    if (keep) select.value = keep;
  }

  function setParam(name, value) {
    params.set(name, value);
    history.replaceState(null, "", "?" + params.toString());
  }

  $("pv-profile").addEventListener("change", function (e) {
    app.profile = e.target.value;
    setParam("profile", app.profile);
    launch("profile", currentScreen());
  });
  $("pv-idle").addEventListener("change", function (e) {
    var v = Math.floor(+e.target.value);
    if (v >= 1) { app.idleSeconds = v; setParam("idle", String(v)); }
    e.target.value = String(app.idleSeconds);
  });
  $("pv-expire").addEventListener("click", function () {
    if (app.runtime) app.runtime.expire("expired from the panel");
    render();
  });
  $("pv-new-attempt").addEventListener("click", function () { launch("new attempt", null); });
  $("pv-relaunch").addEventListener("click", function () { launch("relaunch", null); });
  $("pv-jump").addEventListener("click", function () {
    var key = $("pv-screen").value;
    if (!key) return;
    // A finished or expired session cannot move: relaunch there instead.
    var live = app.ready && app.runtime && app.runtime.state === "running";
    if (!live || !goTo(key)) launch("jump", key);
  });
  $("pv-show-error-fns").addEventListener("change", function () { rebuildLog(); });
  $("pv-clear-log").addEventListener("click", function () { app.log = []; rebuildLog(); });
  window.addEventListener("pagehide", function () { if (app.runtime) app.runtime.unloading = true; });

  // ---- the panel --------------------------------------------------------------------------

  var pending = false;
  function render() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      renderSession();
      renderCmi();
      followScreen();
    });
  }

  /** The screen list shows where the learner is, unless someone is choosing in it. */
  var shownScreen = null;
  function followScreen() {
    var key = currentScreen();
    var select = $("pv-screen");
    if (key === shownScreen || document.activeElement === select) return;
    shownScreen = key;
    if (key) select.value = key;
  }

  /** rows: [term, description, data-cmi name, class, wide] (wide rows span the line). */
  function facts(dl, rows) {
    dl.textContent = "";
    rows.forEach(function (r) {
      var cls = [r[3], r[4] ? "pv-wide" : null].filter(Boolean).join(" ") || null;
      dl.appendChild(el("dt", { class: r[4] ? "pv-wide-term" : null }, r[0]));
      dl.appendChild(el("dd", { "data-cmi": r[2] || null, class: cls }, r[1]));
    });
  }

  function renderSession() {
    var rt = app.runtime;
    var p = P.get(app.profile);
    $("pv-idle-field").hidden = app.profile !== "successfactors";
    $("pv-profile-text").textContent = p ? p.behaviour : "";
    if (!rt) { facts($("pv-session"), []); return; }
    rt.idleExpired();
    var state = {
      "not initialized": "Launched, waiting for LMSInitialize",
      running: "Running", finished: "Finished (LMSFinish)",
      expired: "Expired: every call now fails (" + rt.expiredBecause + ")"
    }[rt.state];
    var saved = app.lastPersist ? "on " + app.lastPersist.how + " at " + app.lastPersist.at.toLocaleTimeString() : "not yet";
    facts($("pv-session"), [
      ["Session", app.session + " (" + rt.values[S.el.learner] + ")", "session"],
      ["Profile", p ? p.label : app.profile, "profile"],
      ["State", state, "state", rt.state === "expired" ? "pv-bad" : null, rt.state === "expired"],
      ["Saved", saved, "saved"]
    ]);
  }

  function renderCmi() {
    var rt = app.runtime;
    if (!rt) { facts($("pv-cmi"), []); return; }
    var v = rt.values;
    var suspend = (v["cmi.suspend_data"] || "").length;
    var max = S.suspendLimit;
    var limit = (rt.profile.limits || {})["cmi.suspend_data"] || max;
    function score(prefix) {
      return v[prefix + "raw"] ? v[prefix + "raw"] + " (" + (v[prefix + "min"] || "\u2013") +
        "\u2013" + (v[prefix + "max"] || "\u2013") + ")" : "none";
    }
    var sizeText = suspend.toLocaleString("en") + " of " + max.toLocaleString("en") + " characters" +
      (limit !== max ? " (this profile accepts " + limit.toLocaleString("en") + ")" : "");
    facts($("pv-cmi"), S.rows(v, score).concat([
      ["suspend_data", sizeText, "cmi.suspend_data", suspend > max ? "pv-bad" : null, true],
      [S.mastery[0], v[S.mastery[1]] || "none", S.mastery[1], null, true]
    ]));
    var meter = $("pv-suspend-meter");
    meter.max = max;
    meter.low = Math.round(max * 0.75);
    meter.high = Math.round(max * 0.93);
    meter.value = Math.min(suspend, max);
    meter.textContent = suspend + " of " + max;
    renderInteractions(v, +(rt.counts["cmi.interactions"] || 0));
  }

  function renderInteractions(v, count) {
    var body = $("pv-interactions").tBodies[0];
    body.textContent = "";
    for (var n = 0; n < count; n++) {
      var p = "cmi.interactions." + n + ".";
      var tr = el("tr");
      [String(n), v[p + "id"], v[p + "type"], v[p + S.el.response], v[p + "result"]].forEach(function (c) {
        tr.appendChild(el("td", null, c === undefined ? "" : c));
      });
      body.appendChild(tr);
    }
  }

  // ---- the call log -----------------------------------------------------------------------

  function shortArg(a) {
    if (typeof a !== "string") return a === null ? "undefined" : String(a);
    var text = a.length > 48 ? a.slice(0, 48) + "\u2026 (" + a.length.toLocaleString("en") + " chars)" : a;
    return JSON.stringify(text);
  }

  function onCall(entry) {
    entry.session = app.session;
    app.log.push(entry);
    appendRow(entry);
    render();
  }

  function logSession(how, cmi) {
    var entry = { separator: true, session: app.session, text: "Session " + app.session + " (" + how + "): " +
      "entry " + JSON.stringify(cmi[S.el.entry]) + ", learner " + cmi[S.el.learner] + ", profile " + app.profile };
    app.log.push(entry);
    appendRow(entry);
  }

  function appendRow(entry) {
    var body = $("pv-log").tBodies[0];
    var showErrorFns = $("pv-show-error-fns").checked;
    if (!entry.separator && S.errorFns[entry.fn] && !showErrorFns) { summary(); return; }
    var tr;
    if (entry.separator) {
      tr = el("tr", { class: "pv-separator" });
      tr.appendChild(el("th", { scope: "row", colspan: "4" }, entry.text));
    } else {
      var bad = entry.error !== "0";
      tr = el("tr", { class: bad ? "pv-bad" : null });
      tr.appendChild(el("td", null, String(entry.seq)));
      var call = el("td", { class: "pv-call" }, entry.fn + "(" + entry.args.map(shortArg).join(", ") + ")");
      if (entry.unloading) call.appendChild(el("span", { class: "pv-tag" }, " during unload"));
      tr.appendChild(call);
      tr.appendChild(el("td", null, JSON.stringify(entry.result)));
      var err = el("td", { class: "pv-error-cell" }, bad ? entry.error + " " + R.ERROR_TEXT[entry.error] : "0");
      if (bad && entry.diagnostic) err.appendChild(el("span", { class: "pv-diagnostic" }, entry.diagnostic));
      tr.appendChild(err);
    }
    var scroller = $("pv-log-scroll");
    var atEnd = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 24;
    body.appendChild(tr);
    if (atEnd) scroller.scrollTop = scroller.scrollHeight;
    summary();
  }

  function rebuildLog() {
    $("pv-log").tBodies[0].textContent = "";
    app.log.forEach(appendRow);
    summary();
  }

  function summary() {
    var calls = app.log.filter(function (e) { return !e.separator; });
    var errors = calls.filter(function (e) { return e.error !== "0"; }).length;
    var hidden = $("pv-show-error-fns").checked ? 0 : calls.filter(function (e) { return S.errorFns[e.fn]; }).length;
    $("pv-log-summary").textContent = calls.length.toLocaleString("en") + " calls, " +
      errors.toLocaleString("en") + " with an error" +
      (hidden ? " (" + hidden.toLocaleString("en") + " error-function calls hidden)" : "") + ".";
  }

  // A timer only to show an idle expiry as it happens; the runtime decides on every call.
  setInterval(function () {
    if (app.runtime && app.runtime.state === "running" && app.runtime.idleExpired()) render();
  }, 1000);

  fetch("/_preview/api/status", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (status) {
    applyStatus(status);
    poll();
  });
})();
