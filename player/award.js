/* award.js - when the course's certificate is earned (pure, no DOM; bundled only for a
 * course with `certificate:`; the page is screens/certificate.js). */
(function (CBT) {
  "use strict";

  /** Has the learner earned the certificate? The LMS's status counts too: a learner who
   * passed keeps the certificate even if the saved state was lost. */
  function earned(idx, s) {
    if (s.status === "passed") return true;
    if (idx.certificate.earnedOn === "passing") return false;
    return s.status === "completed" || (!idx.quiz && idx.required.every(function (c) { return s.done[c.index]; }));
  }

  /** Days since 2020-01-01 (UTC), plus one, for the time ``t``: 16 bits in suspend_data
   * (state.earned) last until 2199. */
  function day(t) {
    return Math.min(65535, Math.max(1, Math.floor((t - Date.UTC(2020, 0, 1)) / 86400000) + 1));
  }

  /** "" when the certificate's page may be shown, else what earns it. */
  function lock(idx, s) {
    if (earned(idx, s)) return "";
    return idx.certificate.earnedOn === "passing" ? "Pass the " + idx.quiz.title + " to earn your certificate."
      : "Complete the course to earn your certificate.";
  }

  CBT.award = { earned: earned, day: day, lock: lock };
})(globalThis.CBT || (globalThis.CBT = {}));
