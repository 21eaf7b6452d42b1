// A static site is not rebuilt at midnight: when the reader's date has reached an
// upcoming effective date, show the "now in effect" wording instead of "coming".
(function () {
  "use strict";
  var now = new Date();
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  document.querySelectorAll("[data-notice-until]").forEach(function (el) {
    if (today >= el.getAttribute("data-notice-until")) { el.hidden = true; }
  });
  document.querySelectorAll("[data-notice-from]").forEach(function (el) {
    if (today >= el.getAttribute("data-notice-from")) { el.hidden = false; }
  });
  // "37 days remain." is true on the day the site was built; on another day, the
  // effective date beside it says enough.
  document.querySelectorAll("[data-notice-on]").forEach(function (el) {
    if (today !== el.getAttribute("data-notice-on")) { el.hidden = true; }
  });
})();
