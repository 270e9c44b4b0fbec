/* The quota calculator of a rule (site_templates/pages/_rules_macros.j2): a reader types
 * the number of employees (or of jobs, per the act's basis) and reads how many jobs the
 * act's terms reserve. The terms come from the block's data-rule (JSON: basis, tiers
 * [{min, max, p, pmax}], number symbols). The acts print no rounding rule, and documents
 * round down, up and half up (ashyq/rules.py check_quota_jobs): the exact product is shown,
 * with the whole numbers those three give. No inline script: wired by data attributes. */
(function () {
  "use strict";

  function formatter(symbols) {
    var group = (symbols && symbols.group) || "\u00a0", decimal = (symbols && symbols.decimal) || ",";
    return function (x) {
      var text = (Math.round(x * 10000) / 10000).toFixed(4).replace(/\.?0+$/, "");
      var parts = text.split(".");
      parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, group);
      return parts.join(decimal);
    };
  }

  // `n` jobs, in the form the count takes; `shown` is n as the page writes it
  function jobsWord(n, shown) { return Ashyq.tn("%(n)s жұмыс орны", "%(n)s жұмыс орны", n, { n: shown }); }

  // The whole numbers a product rounds to in the documents: down, up, half up (distinct).
  function roundings(x) {
    var down = Math.floor(x + 1e-9), up = Math.ceil(x - 1e-9), half = Math.floor(x + 0.5 + 1e-9);
    return [down, up, half].filter(function (v, i, all) { return all.indexOf(v) === i; }).sort(function (a, b) { return a - b; });
  }

  function tierText(t, fmt) {
    if (t.min == null && t.max == null) return "";
    if (t.max == null) return fmt(t.min) + Ashyq.t(" және одан көп");
    return fmt(t.min == null ? 0 : t.min) + "–" + fmt(t.max);
  }

  function result(rule, n, fmt) {
    var tiers = rule.tiers.filter(function (t) {
      return n >= (t.min == null ? 0 : t.min) && (t.max == null || n <= t.max);
    });
    if (!tiers.length) {
      var lows = rule.tiers.map(function (t) { return t.min == null ? 0 : t.min; });
      var counted = rule.basis === "jobs" ? jobsWord(n, fmt(n))
        : Ashyq.tn("%(n)s жұмыскер", "%(n)s жұмыскер", n, { n: fmt(n) });
      return counted + Ashyq.t(": акт мұндай ұйымға квота белгілемейді (ережелері ") +
        rule.tiers.map(function (t) { return tierText(t, fmt); }).join("; ") + Ashyq.t(" үшін; ең азы ") +
        fmt(Math.min.apply(null, lows)) + ").";
    }
    var t = tiers[0];
    var where = tierText(t, fmt) ? " (" + Ashyq.t("%(tier)s деңгейі", { tier: tierText(t, fmt) }) + ")" : "";
    var low = n * t.p / 100;
    if (t.pmax != null && t.pmax !== t.p) {
      var high = n * t.pmax / 100;
      var from = roundings(low)[0], to = roundings(high).slice(-1)[0];
      return fmt(n) + " × " + fmt(t.p) + "–" + fmt(t.pmax) + "\u00a0%" + where + " = " + fmt(low) + "–" + fmt(high) +
        " → " + fmt(from) + "–" + jobsWord(to, fmt(to)) + Ashyq.t(". Акт пайыздың аралығын белгілейді") +
        (rule.listed ? Ashyq.t(": әр ұйымның нақты пайызы мен жұмыс орындары тізімде.") : ".");
    }
    var options = roundings(low);
    if (options.length === 1) {
      return fmt(n) + " × " + fmt(t.p) + "\u00a0%" + where + " = " + jobsWord(options[0], fmt(options[0])) + ".";
    }
    return fmt(n) + " × " + fmt(t.p) + "\u00a0%" + where + " = " + fmt(low) + Ashyq.t(" → құжаттар оны ") +
      options.map(fmt).join(Ashyq.t(" немесе ")) + Ashyq.t(" деп дөңгелектейді: ") +
      jobsWord(options[options.length - 1], options.map(fmt).join(Ashyq.t(" немесе "))) + ".";
  }

  function initCalculator(box) {
    var rule;
    try { rule = JSON.parse(box.getAttribute("data-rule")); } catch (e) { return; }
    var input = box.querySelector(".ashyq-calc-input");
    var output = box.querySelector(".ashyq-calc-result");
    if (!input || !output || !rule || !rule.tiers || !rule.tiers.length) return;
    var fmt = formatter(rule.number);
    var initial = output.textContent;
    function update() {
      var raw = input.value.trim();
      if (raw === "") { output.textContent = initial; return; }
      var n = Number(raw);
      if (!isFinite(n) || n < 0 || Math.floor(n) !== n) {
        output.textContent = Ashyq.t("Бүтін оң санды енгізіңіз (мысалы, 93).");
        return;
      }
      output.textContent = result(rule, n, fmt);
    }
    input.addEventListener("input", update);
    box.hidden = false;
  }

  function init() {
    document.querySelectorAll(".ashyq-calc[data-rule]").forEach(initCalculator);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
