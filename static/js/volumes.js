// The entry grid's totals as you type: the same rules the server uses (volumes/aggregates.py).
// - a column's users (hours) in total = ≤ 18 + > 18, only when both are there (or the plain figure);
// - the average per month = sum of the values over the months that have one / those months
//   (a half-year column counts as six months, a year column as twelve);
// - hours per user = total hours / total users over the same months (the ratio of the averages).
(function () {
  "use strict";

  var NBSP = "\u00a0";

  function parse(text) {
    // "3 084", "2,5", "2.5", "54 %" -> a number; "" or nonsense -> null; negative -> null (refused on save).
    var cleaned = String(text).trim().replace(/[\s\u00a0\u202f]/g, "").replace(/\u2212/g, "-").replace(/%$/, "");
    if (cleaned === "") return null;
    if ((cleaned.match(/,/g) || []).length === 1 && cleaned.indexOf(".") === -1) cleaned = cleaned.replace(",", ".");
    if (!/^-?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
    var number = Number(cleaned);
    return isFinite(number) && number >= 0 ? number : null;
  }

  function roundHalfUp(value, decimals) {
    var factor = Math.pow(10, decimals);
    // toPrecision removes the binary noise (1.15 * 10 = 11.4999…) before rounding half up.
    return Math.round(Number((Math.abs(value) * factor).toPrecision(12))) / factor * (value < 0 ? -1 : 1);
  }

  function nb(value, decimals) {
    if (value === null || value === undefined || !isFinite(value)) return "\u2013";
    var fixed = roundHalfUp(value, decimals).toFixed(decimals);
    var negative = fixed.charAt(0) === "-";
    if (negative) fixed = fixed.slice(1);
    var parts = fixed.split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
    var text = parts.length > 1 ? whole + "," + parts[1] : whole;
    return negative && Number(fixed) !== 0 ? "-" + text : text;
  }

  function plain(value) {
    // As typed: no decimals for whole numbers, else as many as needed (up to two).
    if (value === null) return nb(null, 0);
    var rounded = roundHalfUp(value, 2);
    if (Number.isInteger(rounded)) return nb(rounded, 0);
    return nb(rounded, Number.isInteger(roundHalfUp(rounded * 10, 6)) ? 1 : 2);
  }

  function setup(form) {
    var columnMonths = Number(form.dataset.months);
    var yearMonths = Number(form.dataset.yearMonths);
    var ageGroups = form.dataset.ageGroups !== "none";
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[data-field]"));
    var columns = [];
    var fields = [];
    inputs.forEach(function (input) {
      if (columns.indexOf(input.dataset.col) === -1) columns.push(input.dataset.col);
      if (fields.indexOf(input.dataset.field) === -1) fields.push(input.dataset.field);
    });

    function value(col, field) {
      var input = form.querySelector('input[data-col="' + col + '"][data-field="' + field + '"]');
      return input ? parse(input.value) : null;
    }

    function total(col, quantity) {
      if (!ageGroups) return value(col, quantity);
      var young = value(col, quantity + "_under_18");
      var adults = value(col, quantity + "_over_18");
      return young === null || adults === null ? null : young + adults;
    }

    function average(values) {
      var sum = 0;
      var months = 0;
      values.forEach(function (v) {
        if (v !== null) {
          sum += v * columnMonths;
          months += columnMonths;
        }
      });
      return { value: months ? sum / months : null, months: months };
    }

    function note(months) {
      return months && months !== yearMonths ? months + " av " + yearMonths + " mnd." : "";
    }

    function show(selector, text) {
      var element = form.querySelector(selector);
      if (element) element.textContent = text;
    }

    function recompute() {
      fields.forEach(function (field) {
        var avg = average(columns.map(function (col) { return value(col, field); }));
        show('[data-average="' + field + '"]', nb(avg.value, 1));
        show('[data-note="' + field + '"]', note(avg.months));
      });
      var users = columns.map(function (col) { return total(col, "users"); });
      var hours = columns.map(function (col) { return total(col, "hours"); });
      [["users_total", users], ["hours_total", hours]].forEach(function (pair) {
        pair[1].forEach(function (v, i) { show('[data-total="' + pair[0] + '"][data-col="' + columns[i] + '"]', plain(v)); });
        var avg = average(pair[1]);
        show('[data-average="' + pair[0] + '"]', nb(avg.value, 1));
        show('[data-note="' + pair[0] + '"]', note(avg.months));
      });
      var sumUsers = 0;
      var sumHours = 0;
      var months = 0;
      columns.forEach(function (col, i) {
        var u = users[i];
        var h = hours[i];
        show('[data-total="per_user"][data-col="' + col + '"]', nb(u && h !== null ? h / u : null, 1));
        if (u !== null && h !== null) {
          sumUsers += u * columnMonths;
          sumHours += h * columnMonths;
          months += columnMonths;
        }
      });
      show('[data-average="per_user"]', nb(sumUsers ? sumHours / sumUsers : null, 1));
      show('[data-note="per_user"]', sumUsers ? note(months) : "");
    }

    // Enter and the up and down arrows move to the same column in the next or previous row, as in a
    // spreadsheet (a month is usually typed top to bottom); Enter does not submit the form halfway.
    form.addEventListener("keydown", function (event) {
      var input = event.target;
      if (!input.dataset || !input.dataset.field) return;
      var step = { Enter: event.shiftKey ? -1 : 1, ArrowDown: 1, ArrowUp: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      var column = inputs.filter(function (other) { return other.dataset.col === input.dataset.col; });
      var next = column[column.indexOf(input) + step];
      if (next) {
        next.focus();
        next.select();
      }
    });

    form.addEventListener("input", recompute);
    recompute();
  }

  document.querySelectorAll("form[data-volume-grid]").forEach(setup);
})();
