/* recgraph recommendations table: filters from the URL and the form, Tabulator for the rest.
   Text from documents is only ever set with textContent or Tabulator's escaping formatters. */
"use strict";
(function () {
  var DATA = window.RECGRAPH_TABLE, V = DATA.vocab;
  var PARAMS = ["year", "report", "agency", "theme", "exact", "kind", "status", "generic", "q"];
  var FORMULA = /^[=+\-@\t\r]/, NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/, CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

  function safeCell(value) {  // graph/csvfile.py safe_cell: spreadsheets never evaluate a cell
    var text = value === null || value === undefined ? "" : String(value);
    text = text.replace(CONTROL, "");
    return FORMULA.test(text) && !NUMBER.test(text) ? "'" + text : text;
  }
  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    e.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function link(field, hrefField) {
    return function (cell) { var d = cell.getRow().getData(); return el("a", d[field], {href: d[hrefField]}); };
  }
  function hover(field, enField) {
    return function (cell) { var d = cell.getRow().getData(); return el("span", d[field], {title: d[enField]}); };
  }
  function repeats(cell) {
    var span = document.createElement("span");
    cell.getRow().getData().repeats.forEach(function (r, i) {
      if (i) { span.appendChild(document.createTextNode(" ")); }
      span.appendChild(el("a", r.id, {href: r.href}));
    });
    return span;
  }
  var today = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z");
  // recommendations-data.js holds rows as arrays and shared records once (graph/site_table.py):
  // expand them into the records the columns, filters and exports read
  var F = {};
  DATA.fields.forEach(function (name, i) { F[name] = i; });
  var SL = DATA.statusLabels;
  function pick(list, idx, i) { return idx.map(function (j) { return list[j][i]; }); }
  function statusText(acc, impl) {
    return acc || impl ? SL.acceptance[acc] + " / " + SL.implementation[impl] : "—";
  }
  var ROWS = DATA.rows.map(function (a) {
    var plan = a[F.plan] >= 0 ? DATA.plans[a[F.plan]] : [null, null, "", "", [], -1];
    var rec = a[F.rec], flags = a[F.flags], themeIdx = a[F.themes], all = {};
    themeIdx.forEach(function (j) { DATA.themes[j][3].forEach(function (k) { all[DATA.themes[k][0]] = true; }); });
    return {
      id: a[F.id], href: /\.html$/.test(rec) ? rec : plan[3].slice(0, -5) + "/rec/" + rec + ".html",
      year: plan[0], report: plan[5] >= 0 ? DATA.reports[plan[5]][0] : "", serial: plan[1], plan: plan[2], planHref: plan[3],
      addr: pick(DATA.agencies, a[F.addr], 1).join("、"), addrCodes: pick(DATA.agencies, a[F.addr], 0),
      lead: pick(DATA.agencies, plan[4], 1).join("、"),
      kinds: pick(DATA.kinds, a[F.kinds], 1).join("、"), kindsEn: pick(DATA.kinds, a[F.kinds], 2).join("; "),
      kindCodes: pick(DATA.kinds, a[F.kinds], 0),
      themes: pick(DATA.themes, themeIdx, 1).join("、"), themesEn: pick(DATA.themes, themeIdx, 2).join("; "),
      themeCodes: pick(DATA.themes, themeIdx, 0), themeAll: Object.keys(all),
      acc: a[F.acc], impl: a[F.impl], gao: a[F.gao], status: statusText(a[F.acc], a[F.impl]), since: a[F.since],
      generic: (flags & 1) === 1, truncated: (flags & 2) === 2, repeatRows: a[F.repeats], text: a[F.text]};
  });
  ROWS.forEach(function (r) {
    r.repeats = r.repeatRows.map(function (i) { return {id: ROWS[i].id, href: ROWS[i].href}; });
    delete r.repeatRows;
    r.age = r.since ? Math.round((today - new Date(r.since + "T00:00:00Z")) / 86400000) : null;
    r.repeatIds = r.repeats.map(function (x) { return x.id; }).join(" ");
    r.flags = [r.generic ? "通案 generic" : "", r.truncated ? "截斷 truncated" : ""].filter(Boolean).join(" ");
  });

  function keysMatch(dict, value) {
    var v = value.trim().toLowerCase(), out = {};
    Object.keys(dict).forEach(function (code) { if (dict[code].keys.indexOf(v) >= 0) { out[code] = true; } });
    return out;
  }
  function readForm() {
    var form = document.getElementById("filters"), f = {};
    PARAMS.forEach(function (p) {
      var input = form.elements[p];
      f[p] = input.type === "checkbox" ? (input.checked ? "1" : "") : input.value.trim();
    });
    return f;
  }
  function predicate(f) {
    var tests = [];
    if (f.year) { tests.push(function (r) { return String(r.year) === f.year; }); }
    if (f.report) { tests.push(function (r) { return r.report === f.report; }); }
    if (f.agency) {
      var ag = keysMatch(V.agencies, f.agency);
      tests.push(function (r) {
        return r.addrCodes.some(function (c) { return (V.agencies[c] ? V.agencies[c].up : [c]).some(function (u) { return ag[u]; }); });
      });
    }
    if (f.theme) {
      var th = keysMatch(V.themes, f.theme), field = f.exact ? "themeCodes" : "themeAll";
      tests.push(function (r) { return r[field].some(function (c) { return th[c]; }); });
    }
    if (f.kind) {
      var kd = keysMatch(V.kinds, f.kind);
      tests.push(function (r) { return r.kindCodes.some(function (c) { return kd[c]; }); });
    }
    if (f.status) {
      var st = V.statusKeys[f.status.toLowerCase()] || f.status;  // a label (已採納, accepted) or a token
      tests.push(function (r) { return r.acc === st || r.impl === st || r.gao === st; });
    }
    if (f.generic) {
      var want = ["true", "1", "yes"].indexOf(f.generic.toLowerCase()) >= 0;
      tests.push(function (r) { return r.generic === want; });
    }
    if (f.q) {
      var q = f.q.toLowerCase();
      tests.push(function (r) { return r.text.toLowerCase().indexOf(q) >= 0; });
    }
    return function (r) { for (var i = 0; i < tests.length; i++) { if (!tests[i](r)) { return false; } } return true; };
  }
  function query(f) {
    var parts = [];
    PARAMS.forEach(function (p) { if (f[p]) { parts.push(p + "=" + encodeURIComponent(f[p])); } });
    return parts.length ? "?" + parts.join("&") : "";
  }
  function fill(select, values) {
    values.forEach(function (v) { select.appendChild(el("option", v[1], v[2] ? {value: v[0], title: v[2]} : {value: v[0]})); });
  }

  var form = document.getElementById("filters");
  fill(form.elements.year, V.years.map(function (y) { return [String(y), String(y)]; }));
  fill(form.elements.report, DATA.reports);
  fill(form.elements.kind, Object.keys(V.kinds).map(function (k) { return [k, V.kinds[k].label]; }));
  fill(form.elements.status, V.statuses);
  fill(document.getElementById("agency-list"), Object.keys(V.agencies).map(function (a) { return [a, V.agencies[a].label]; }));
  fill(document.getElementById("theme-list"), Object.keys(V.themes).map(function (t) { return [t, V.themes[t].label]; }));
  var params = new URLSearchParams(window.location.search);
  PARAMS.forEach(function (p) {
    var input = form.elements[p], v = params.get(p);
    if (v === null) { return; }
    if (input.type === "checkbox") { input.checked = v !== "" && v !== "0"; return; }
    if (input.tagName === "SELECT" && !Array.prototype.some.call(input.options, function (o) { return o.value === v; })) {
      input.appendChild(el("option", v, {value: v}));  // an unknown value still filters (to nothing)
    }
    input.value = v;
  });

  var dl = {accessorDownload: function (value) { return safeCell(value); }};
  // widths fit every column at 1440 px: titles wrap, long text wraps or shows whole on hover
  function col(title, field, extra) {
    return Object.assign({title: title, field: field, headerWordWrap: true, headerTooltip: true}, dl, extra || {});
  }
  var table = new Tabulator("#table", {
    data: ROWS, maxHeight: "70vh", layout: "fitColumns", index: "id", renderVertical: "virtual",
    placeholder: "無相符之建議 No recommendation matches these filters",  // the table shrinks to its rows: no grey block
    columns: [
      col("編號 ID", "id", {formatter: link("id", "href"), width: 142, tooltip: true}),
      col("年度 FY", "year", {width: 56, sorter: "number"}),
      col("序號 #", "serial", {width: 50, sorter: "number"}),
      col("計畫 Plan", "plan", {formatter: link("plan", "planHref"), width: 140, tooltip: true}),
      col("建議 Recommendation", "text", {minWidth: 200, formatter: "textarea"}),
      col("建議對象 Addressee", "addr", {width: 110, formatter: "textarea"}),
      col("主辦機關 Lead", "lead", {width: 100, formatter: "textarea"}),
      col("類型 Kinds", "kinds", {formatter: hover("kinds", "kindsEn"), width: 92}),
      col("主題 Themes", "themes", {formatter: hover("themes", "themesEn"), width: 104}),
      col("狀態 Status", "status", {width: 92, formatter: "textarea"}),
      col("天數 Age (days)", "age", {width: 80, sorter: "number"}),
      col("旗標 Flags", "flags", {width: 78, formatter: "textarea"}),
      col("重複 Repeat of", "repeatIds", {formatter: repeats, width: 96}),
    ],
  });
  var count = document.querySelector("[data-count]");
  function apply() {
    var f = readForm(), q = query(f);
    table.setFilter(predicate(f));
    document.getElementById("permalink").setAttribute("href", "recommendations.html" + q);
    try { window.history.replaceState(null, "", "recommendations.html" + q); } catch (e) { /* some file:// contexts refuse */ }
  }
  function themeHint(f, n) {  // q searches the text only: when it finds nothing, offer themes named like it
    var hint = document.getElementById("q-hint"), q = (f.q || "").toLowerCase().replace(/[-_]+/g, " ");
    hint.textContent = "";
    var found = n || !q ? [] : Object.keys(V.themes).filter(function (t) {
      return V.themes[t].keys.some(function (k) { return k.replace(/[-_]+/g, " ").indexOf(q) >= 0; });
    });
    hint.hidden = !found.length;
    if (!found.length) { return; }
    hint.appendChild(document.createTextNode("全文無相符；主題 No recommendation text contains this; themes named so: "));
    found.forEach(function (t, i) {
      if (i) { hint.appendChild(document.createTextNode("、")); }
      hint.appendChild(el("a", V.themes[t].label, {href: "recommendations.html?theme=" + encodeURIComponent(t)}));
    });
  }
  table.on("dataFiltered", function (filters, rows) { count.textContent = String(rows.length); themeHint(readForm(), rows.length); });
  table.on("tableBuilt", function () {
    var f = readForm();
    table.setFilter(predicate(f));
    document.getElementById("permalink").setAttribute("href", "recommendations.html" + query(f));  // the URL's filters
    count.textContent = String(table.getDataCount("active"));
    themeHint(f, table.getDataCount("active"));
    document.body.setAttribute("data-ready", "1");
  });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  document.getElementById("export-csv").addEventListener("click", function () {
    table.download("csv", "recommendations.csv", {bom: true});
  });
  document.getElementById("export-json").addEventListener("click", function () {
    table.download("json", "recommendations.json");
  });
  window.recgraphTable = {table: table, predicate: predicate, readForm: readForm, apply: apply};
})();
