/* screens/certificate.js - the course's certificate of completion (bundled only for a course
 * with `certificate:`): the learner's name as the LMS gives it, the date it was earned, the
 * course and the credit, with a print button; certificate.css prints it alone, landscape,
 * on one page. Its menu item appears once the certificate is earned. */
(function (CBT) {
  "use strict";
  var h = CBT.view.h;
  var screens = CBT.screens;

  /** cmi.core.student_name is "Last, First" in SCORM 1.2 LMSs; a certificate says "First Last". */
  function displayName(lmsName) {
    var name = String(lmsName || "").trim();
    var comma = name.indexOf(",");
    if (comma < 0 || name.indexOf(",", comma + 1) >= 0) return name;
    return (name.slice(comma + 1).trim() + " " + name.slice(0, comma).trim()).trim();
  }

  function dateText(idx, day) {
    var date = new Date(Date.UTC(2020, 0, 1) + (day - 1) * 86400000);
    try {
      return date.toLocaleDateString(idx.course.language, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    } catch (e) {
      return date.toISOString().slice(0, 10);
    }
  }

  screens.certificate = function (ctx) {
    var idx = ctx.idx;
    var cert = idx.certificate;
    var lock = CBT.navigation.pageLock(idx, ctx.s, ctx.p);
    if (lock) return h("p", { class: "cbt-lock" }, [CBT.view.icon("lock"), lock]);
    var fromLms = displayName(idx.learnerName);
    var kids = [];
    if (!fromLms) {
      // Standalone (or an LMS without a name): the learner types the name to print.
      var box = h("input", { type: "text", id: "cbt-cert-name", class: "cbt-input", autocomplete: "name",
        "data-key": "cert-name", value: ctx.local.name || "",
        oninput: function () {
          ctx.local.name = box.value;
          document.getElementById("cbt-cert-learner").textContent = box.value || "\u00a0";
        } });
      kids.push(h("div", { class: "cbt-field cbt-no-print" }, [
        h("label", { for: "cbt-cert-name", text: "Your name, as it should appear on the certificate" }), box]));
    }
    var day = ctx.s.earned || CBT.award.day(Date.now());
    kids.push(h("div", { class: "cbt-certificate" }, [
      h("p", { class: "cbt-cert-title", text: cert.title }),
      h("p", { text: "This certifies that" }),
      h("p", { class: "cbt-cert-name", id: "cbt-cert-learner", text: fromLms || ctx.local.name || "\u00a0" }),
      h("p", { text: "has completed" }),
      h("p", { class: "cbt-cert-course", text: idx.course.title }),
      screens.prose(cert.html),
      cert.credit ? h("p", { class: "cbt-cert-credit", text: cert.credit }) : null,
      h("p", { text: "Date: " + dateText(idx, day) }),
      cert.issuer ? h("p", { class: "cbt-cert-issuer", text: cert.issuer }) : null,
      cert.signers.length ? h("div", { class: "cbt-cert-signers" }, cert.signers.map(function (role) {
        return h("p", { class: "cbt-cert-sign" }, [h("span", { class: "cbt-cert-line", "aria-hidden": "true" }), role]);
      })) : null
    ]));
    kids.push(h("button", { type: "button", class: "cbt-button cbt-primary cbt-no-print", "data-key": "print",
      text: "Print certificate", onclick: function () { window.print(); } }));
    return kids;
  };

  /** The menu item, after the quiz's: shown once the certificate is earned. */
  screens.certificateMenu = function (v, addMenuItem, paint) {
    var idx = v.idx;
    addMenuItem(v, idx.certificate.title, function () { return null; });
    var item = v.items.pop(); // painted by the hook below, not as the quiz
    var li = item.btn.parentNode;
    var quiz = v.items.filter(function (i) { return !i.chapter(); })[0];
    if (quiz) v.menuList.insertBefore(li, quiz.btn.parentNode.nextSibling);
    item.target = idx.certPage;
    v.hooks.push(function (s) {
      li.hidden = !CBT.award.earned(idx, s);
      paint(item, "cbt-menu-item is-complete", "complete", "Earned", s.page === idx.certPage);
    });
  };

  screens.displayName = displayName;
})(globalThis.CBT || (globalThis.CBT = {}));
