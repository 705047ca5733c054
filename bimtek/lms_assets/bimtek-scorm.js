/* Bimtek Klaim BPJS: the exercise player of a SCORM 1.2 SCO.
 *
 * Renders the exercises embedded in the page (script#bimtek-data), grades them in the page the way the app grades
 * them, and reports the score through the SCORM 1.2 Run-Time Environment API: LMSInitialize, LMSSetValue
 * (cmi.core.score.raw/min/max, cmi.core.lesson_status, cmi.core.session_time), LMSCommit, LMSFinish. The API object
 * is found by walking window.parent (and then window.opener), as the SCORM 1.2 RTE describes. Without an LMS the page
 * still works and says the score is not sent. All text is set with textContent: nothing from the data is HTML.
 */
(function () {
  "use strict";

  var MAX_PARENTS = 500;
  var api = null;
  var started = new Date();
  var finished = false;
  var best = null;

  // --- the LMS API -------------------------------------------------------------------------------------------------
  function scan(win) {
    var tries = 0;
    try {
      while (win.API == null && win.parent != null && win.parent !== win) {
        tries += 1;
        if (tries > MAX_PARENTS) return null;
        win = win.parent;
      }
      return win.API || null;
    } catch (e) {
      return null; // a frame of another origin: no API up this way
    }
  }

  function findAPI() {
    var found = scan(window);
    if (found == null) {
      try {
        if (window.opener != null && typeof window.opener !== "undefined") found = scan(window.opener);
      } catch (e) {
        found = null;
      }
    }
    return found;
  }

  function set(name, value) {
    if (api) api.LMSSetValue(name, String(value));
  }

  function timespan(ms) {
    // CMITimespan: HHHH:MM:SS.SS
    var total = Math.max(0, ms) / 1000;
    var h = Math.floor(total / 3600);
    var m = Math.floor((total % 3600) / 60);
    var s = total - h * 3600 - m * 60;
    function pad(n, w) {
      var t = String(n);
      while (t.length < w) t = "0" + t;
      return t;
    }
    return pad(h, 4) + ":" + pad(m, 2) + ":" + pad(s.toFixed(2), 5);
  }

  function start() {
    api = findAPI();
    var status = document.getElementById("status-lms");
    if (!api || String(api.LMSInitialize("")) !== "true") {
      api = null;
      status.textContent = "Mode mandiri: tidak terhubung ke LMS, nilai tidak dikirim.";
      return;
    }
    if (String(api.LMSGetValue("cmi.core.lesson_mode")) === "review") {
      // A review of a finished attempt: the SCO must not change what the LMS recorded.
      api.LMSFinish("");
      api = null;
      status.textContent = "Mode tinjauan: nilai tidak diubah.";
      return;
    }
    status.textContent = "Terhubung ke LMS: nilai latihan dikirim setelah Anda memeriksa jawaban.";
    var current = String(api.LMSGetValue("cmi.core.lesson_status"));
    if (current === "not attempted" || current === "") set("cmi.core.lesson_status", "incomplete");
    api.LMSCommit("");
  }

  function finish() {
    if (!api || finished) return;
    finished = true;
    set("cmi.core.session_time", timespan(new Date() - started));
    set("cmi.core.exit", "");
    api.LMSCommit("");
    api.LMSFinish("");
  }

  var INTERACTION_TYPES = { pilihan_ganda: "choice", urutan: "sequencing", pasangan: "matching", cari_kode: "fill-in", angka: "numeric" };

  function clock(date) {
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(date.getHours()) + ":" + two(date.getMinutes()) + ":" + two(date.getSeconds());
  }

  function recordInteractions(graded) {
    // cmi.interactions.n.*: one per item, so the LMS's report shows each question (write-only in SCORM 1.2).
    if (!api) return;
    var start = parseInt(api.LMSGetValue("cmi.interactions._count"), 10);
    if (isNaN(start)) return; // the LMS does not support interactions
    var now = clock(new Date());
    graded.forEach(function (g, i) {
      var key = "cmi.interactions." + (start + i) + ".";
      set(key + "id", g.id);
      set(key + "type", INTERACTION_TYPES[g.kind] || "performance");
      set(key + "time", now);
      set(key + "result", g.score >= 1 ? "correct" : g.score <= 0 ? "wrong" : String(Math.round(g.score * 100) / 100));
    });
  }

  function report(percent, mastery) {
    if (best === null || percent > best) best = percent;
    if (!api) return "";
    var lmsMastery = parseFloat(api.LMSGetValue("cmi.student_data.mastery_score"));
    var pass = isNaN(lmsMastery) ? mastery : lmsMastery;
    set("cmi.core.score.min", 0);
    set("cmi.core.score.max", 100);
    set("cmi.core.score.raw", best);
    var status = pass === null || isNaN(pass) ? "completed" : best >= pass ? "passed" : "failed";
    set("cmi.core.lesson_status", status);
    api.LMSCommit("");
    return status;
  }

  // --- helpers -----------------------------------------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  function shuffle(list) {
    var copy = list.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    return copy;
  }

  function summary(score) {
    if (score >= 1) return "Benar.";
    if (score > 0) return "Sebagian benar (skor " + Math.round(score * 100) + "%).";
    return "Belum tepat.";
  }

  var uid = 0;
  function name() {
    uid += 1;
    return "q" + uid;
  }

  // --- code and number answers, read as the app reads them ---------------------------------------------------------
  function normaliseCode(text) {
    var code = String(text || "").replace(/\s+/g, "").toUpperCase().replace(/\.+$/, "");
    if (code.indexOf(".") < 0 && code.length > 3 && /^[A-Z][0-9]{2}/.test(code)) code = code.slice(0, 3) + "." + code.slice(3);
    return code;
  }

  function parseNumber(text) {
    var t = String(text || "").replace(/rp/gi, "").replace(/%/g, "").replace(/hari/gi, "").replace(/\s+/g, "");
    if (!t) return NaN;
    if (t.indexOf(",") >= 0 && t.indexOf(".") >= 0) t = t.replace(/\./g, "").replace(",", ".");
    else if (t.indexOf(",") >= 0) t = t.replace(",", ".");
    else if (/^-?\d{1,3}(\.\d{3})+$/.test(t)) t = t.replace(/\./g, "");
    return /^-?\d+(\.\d+)?$/.test(t) ? parseFloat(t) : NaN;
  }

  function parseDate(text) {
    var t = String(text || "").trim();
    var m = /^(\d{1,2})[\/\-.](\d{1,2})[\/\-.](\d{4})$/.exec(t);
    var y, mo, d;
    if (m) {
      d = +m[1];
      mo = +m[2];
      y = +m[3];
    } else {
      m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
      if (!m) return null;
      y = +m[1];
      mo = +m[2];
      d = +m[3];
    }
    var date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
    return date;
  }

  // --- one item: render and grade ----------------------------------------------------------------------------------
  function renderChoice(item, box) {
    var group = name();
    var inputs = [];
    shuffle(item.options).forEach(function (option) {
      var label = el("label", "pilihan");
      var input = document.createElement("input");
      input.type = item.multi ? "checkbox" : "radio";
      input.name = group;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + option.text));
      box.appendChild(label);
      inputs.push({ input: input, option: option });
    });
    if (item.multi) box.appendChild(el("p", "petunjuk", "Pilih semua yang benar."));
    return function () {
      var right = 0,
        wrong = 0,
        total = 0,
        notes = [];
      inputs.forEach(function (x) {
        var picked = x.input.checked;
        if (x.option.correct) total += 1;
        if (picked && x.option.correct) right += 1;
        if (picked && !x.option.correct) wrong += 1;
        if (picked || x.option.correct)
          notes.push((picked ? (x.option.correct ? "Pilihan Anda, benar. " : "Pilihan Anda, salah. ") : "Jawaban yang benar. ") + x.option.text + ": " + x.option.explanation);
      });
      var score = item.multi ? Math.max(0, (right - wrong) / total) : right === 1 && wrong === 0 ? 1 : 0;
      return { score: score, notes: notes };
    };
  }

  function renderOrder(item, box) {
    var shown = shuffle(item.steps);
    if (shown.length > 1 && shown.every(function (s, i) { return s === item.steps[i]; })) shown = shown.slice(1).concat(shown.slice(0, 1));
    var selects = [];
    shown.forEach(function (step) {
      var row = el("label", "langkah");
      var select = document.createElement("select");
      select.appendChild(new Option("urutan ke-", ""));
      for (var n = 1; n <= item.steps.length; n++) select.appendChild(new Option(String(n), String(n)));
      row.appendChild(select);
      row.appendChild(document.createTextNode(" " + step.text));
      box.appendChild(row);
      selects.push({ select: select, step: step });
    });
    return function () {
      var given = selects
        .filter(function (x) { return x.select.value !== ""; })
        .map(function (x, i) { return { pos: +x.select.value, i: i, step: x.step }; })
        .sort(function (a, b) { return a.pos - b.pos || a.i - b.i; })
        .map(function (x) { return x.step; });
      var rank = function (step) { return item.steps.indexOf(step); };
      var n = item.steps.length,
        pairs = (n * (n - 1)) / 2,
        ordered = 0;
      for (var a = 0; a < given.length; a++) for (var b = a + 1; b < given.length; b++) if (rank(given[a]) < rank(given[b])) ordered += 1;
      var exact = given.length === n && given.every(function (s, i) { return rank(s) === i; });
      var notes = item.steps.map(function (step, i) {
        var placed = given.indexOf(step);
        if (placed === i) return "Tepat di langkah ke-" + (i + 1) + ": " + step.text + ". " + step.explanation;
        if (placed < 0) return "Belum diurutkan: " + step.text + "; seharusnya langkah ke-" + (i + 1) + ".";
        return step.text + ": Anda menaruhnya di langkah ke-" + (placed + 1) + "; seharusnya ke-" + (i + 1) + ". " + step.explanation;
      });
      return { score: exact ? 1 : ordered / pairs, notes: notes };
    };
  }

  function renderMatch(item, box) {
    var rights = shuffle(item.pairs.map(function (p) { return p.right; }).concat(item.distractors.map(function (d) { return d.text; })));
    var selects = [];
    item.pairs.forEach(function (pair) {
      var row = el("label", "pasangan");
      row.appendChild(el("span", "kiri", pair.left));
      var select = document.createElement("select");
      select.appendChild(new Option("pilih pasangannya", ""));
      rights.forEach(function (r) { select.appendChild(new Option(r, r)); });
      row.appendChild(select);
      box.appendChild(row);
      selects.push({ select: select, pair: pair });
    });
    return function () {
      var right = 0;
      var notes = selects.map(function (x) {
        if (x.select.value === x.pair.right) {
          right += 1;
          return "Tepat: " + x.pair.left + " = " + x.pair.right + ". " + x.pair.explanation;
        }
        return x.pair.left + ": yang benar " + x.pair.right + ". " + x.pair.explanation;
      });
      return { score: right / item.pairs.length, notes: notes };
    };
  }

  function renderCode(item, box) {
    var input = document.createElement("input");
    input.type = "text";
    input.placeholder = "kode ICD-10, mis. K29.7";
    input.setAttribute("aria-label", "Kode ICD-10");
    box.appendChild(input);
    return function () {
      var code = normaliseCode(input.value);
      if (!code) return { score: 0, notes: ["Belum ada kode yang diisi. Kode yang benar: " + item.shown + ". " + item.explanation] };
      if (item.accepted.indexOf(code) >= 0) return { score: 1, notes: [code + ": " + item.explanation] };
      if (Object.prototype.hasOwnProperty.call(item.partial, code))
        return { score: 0.5, notes: [code + ": kurang tepat. " + item.partial[code] + " Yang paling tepat: " + item.shown + "."] };
      var hint = Object.prototype.hasOwnProperty.call(item.feedback, code) ? item.feedback[code] + " " : code + " bukan kode kasus ini. ";
      return { score: 0, notes: [hint + "Kode yang benar: " + item.shown + ". " + item.explanation] };
    };
  }

  function renderNumber(item, box) {
    var input = document.createElement("input");
    input.type = "text";
    input.placeholder = item.date ? "HH/BB/TTTT" : item.unit === "rupiah" ? "mis. 1.250.000" : "angka";
    input.setAttribute("aria-label", "Jawaban");
    box.appendChild(input);
    return function () {
      var ok;
      if (item.date) {
        var given = parseDate(input.value);
        var expected = parseDate(item.expected);
        if (!given) return { score: 0, notes: ["'" + input.value + "' bukan tanggal (HH/BB/TTTT). Jawaban: " + item.shown + ". " + item.explanation] };
        ok = Math.abs((given - expected) / 86400000) <= item.tolerance;
      } else {
        var value = parseNumber(input.value);
        if (isNaN(value)) return { score: 0, notes: ["'" + input.value + "' bukan angka. Jawaban: " + item.shown + ". " + item.explanation] };
        ok = Math.abs(value - item.expected) <= item.tolerance + 1e-9;
      }
      return { score: ok ? 1 : 0, notes: [(ok ? "Tepat. " : "Jawaban yang benar: " + item.shown + ". ") + item.explanation] };
    };
  }

  var RENDER = { pilihan_ganda: renderChoice, urutan: renderOrder, pasangan: renderMatch, cari_kode: renderCode, angka: renderNumber };

  // --- a round: draw, render, grade, report ------------------------------------------------------------------------
  function round(data, root) {
    root.textContent = "";
    var graders = [];
    var number = 0;
    data.exercises.forEach(function (exercise) {
      var section = el("section", "latihan-satu");
      section.appendChild(el("h3", null, exercise.title));
      if (exercise.hint) section.appendChild(el("p", "petunjuk", exercise.hint));
      shuffle(exercise.items).slice(0, exercise.count).forEach(function (pooled) {
        var item = pooled.variants ? pooled.variants[Math.floor(Math.random() * pooled.variants.length)] : pooled;
        number += 1;
        var box = el("div", "soal");
        box.appendChild(el("p", "pertanyaan", number + ". " + item.prompt));
        var grade = RENDER[exercise.kind](item, box);
        var feedback = el("div", "umpan-balik");
        box.appendChild(feedback);
        section.appendChild(box);
        graders.push({ grade: grade, feedback: feedback, source: pooled.source, id: exercise.id + "--" + pooled.id, kind: exercise.kind });
      });
      root.appendChild(section);
    });
    var button = el("button", "periksa", "Periksa jawaban");
    button.type = "button";
    var result = el("p", "hasil");
    result.setAttribute("role", "status");
    root.appendChild(button);
    root.appendChild(result);
    button.addEventListener("click", function () {
      var total = 0;
      var graded = [];
      graders.forEach(function (g) {
        var r = g.grade();
        total += r.score;
        graded.push({ id: g.id, kind: g.kind, score: r.score });
        g.feedback.textContent = "";
        g.feedback.appendChild(el("p", r.score >= 1 ? "benar" : "salah", summary(r.score)));
        r.notes.forEach(function (note) { g.feedback.appendChild(el("p", null, note)); });
        if (g.source) g.feedback.appendChild(el("p", "sumber", "Sumber: " + g.source));
      });
      var percent = Math.round((100 * total) / graders.length);
      recordInteractions(graded);
      var status = report(percent, data.mastery);
      var words = { passed: "lulus", failed: "belum lulus", completed: "selesai" };
      result.textContent =
        "Nilai Anda " + percent + " dari 100 (nilai lulus " + data.mastery + ")." +
        (status ? " Dikirim ke LMS: " + words[status] + ", nilai terbaik " + best + "." : "");
      button.disabled = true;
      var again = el("button", "ulang", "Ulangi dengan soal lain");
      again.type = "button";
      again.addEventListener("click", function () { round(data, root); });
      root.appendChild(again);
    });
  }

  function main() {
    var data = JSON.parse(document.getElementById("bimtek-data").textContent);
    start();
    round(data, document.getElementById("soal"));
    window.addEventListener("pagehide", finish);
    window.addEventListener("beforeunload", finish);
    window.addEventListener("unload", finish);
  }

  window.BimtekScorm = { findAPI: findAPI, timespan: timespan, normaliseCode: normaliseCode, parseNumber: parseNumber, parseDate: parseDate, finish: finish };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
  else main();
})();
