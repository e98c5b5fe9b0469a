// The report's behaviour: filters, the article panel, a sortable diff table.
// Article text only ever enters the page as DOM text nodes, never as markup.
"use strict";
const DATA = JSON.parse(document.getElementById("report-data").textContent);
const PRIORITY = ["spurious", "incorrect", "missing", "correct", "optional"];
const $ = (id) => document.getElementById(id);

function visibleArticles() {
  const split = $("f-split").value, kind = $("f-kind").value, candidate = $("f-candidate").value;
  const lostOnly = $("f-lost").checked, words = $("f-text").value.trim().toLowerCase();
  const shown = new Set();
  for (const [id, article] of Object.entries(DATA.articles)) {
    if (split && article.split !== split) continue;
    if (kind && article.kind !== kind) continue;
    if (lostOnly) {
      const cell = candidate && (DATA.cells[candidate] || {})[id];
      if (!cell || !cell.lost) continue;
    }
    if (words && !(id + " " + article.text).toLowerCase().includes(words)) continue;
    shown.add(id);
  }
  return shown;
}

function applyFilters() {
  const shown = visibleArticles();
  const candidate = $("f-candidate").value;
  for (const row of document.querySelectorAll("#heat tr[data-article]")) {
    row.classList.toggle("hidden", !shown.has(row.dataset.article));
  }
  for (const row of document.querySelectorAll("#diff tbody tr")) {
    const hide = !shown.has(row.dataset.article) || (candidate && row.dataset.version !== candidate);
    row.classList.toggle("hidden", hide);
  }
  $("f-count").textContent = shown.size + " of " + Object.keys(DATA.articles).length + " articles";
}

function marksOf(article, cell) {
  // One entry per span: gold figures with this version's outcome, then its other predictions.
  const spans = new Map();
  const at = (start, end) => {
    const key = start + ":" + end;
    if (!spans.has(key)) spans.set(key, { start, end, outcomes: [], gold: [], lines: [], pred: false });
    return spans.get(key);
  };
  article.gold.forEach(([start, end, text], i) => {
    if (start < 0) return;
    const outcome = cell.gold[i];
    if (!outcome) return;
    const span = at(start, end);
    span.outcomes.push(outcome); span.gold.push(outcome);
    span.lines.push("gold [" + outcome + "]: " + text);
  });
  for (const [start, end, outcome, text] of cell.pred) {
    const span = at(start, end);
    span.outcomes.push(outcome); span.pred = true;
    span.lines.push("predicted [" + outcome + "]: " + text);
  }
  return [...spans.values()].sort((a, b) => a.start - b.start || b.end - a.end);
}

function renderArticle(articleId, version) {
  const article = DATA.articles[articleId], cell = (DATA.cells[version] || {})[articleId];
  $("panel").hidden = false;
  $("panel-title").textContent = articleId + " · " + version;
  $("panel").dataset.article = articleId; $("panel").dataset.version = version;
  const select = $("panel-version");
  select.replaceChildren(...DATA.versions.filter((v) => (DATA.cells[v] || {})[articleId]).map((v) => {
    const option = document.createElement("option"); option.value = v; option.textContent = v;
    option.selected = v === version; return option;
  }));
  const text = $("panel-text");
  text.replaceChildren();
  const unplaced = $("panel-unplaced");
  unplaced.replaceChildren();
  if (!cell) { text.textContent = article.text; return; }
  const [c, i, m, s] = cell.counts;
  $("panel-counts").textContent = `strict F1 ${cell.f1.toFixed(3)}: correct ${c}, incorrect ${i}, missing ${m}, spurious ${s}`;
  let cursor = 0;
  for (const span of marksOf(article, cell)) {
    if (span.start < cursor) continue; // overlaps a figure already marked
    text.append(document.createTextNode(article.text.slice(cursor, span.start)));
    const mark = document.createElement("mark");
    const outcome = [...span.outcomes].sort((a, b) => PRIORITY.indexOf(a) - PRIORITY.indexOf(b))[0];
    mark.className = "o-" + outcome + (span.pred ? " has-pred" : "");
    mark.dataset.outcome = outcome; mark.dataset.start = span.start; mark.dataset.end = span.end;
    if (span.gold.length) mark.dataset.gold = span.gold.join(" ");
    mark.title = span.lines.join("\n");
    mark.textContent = article.text.slice(span.start, span.end);
    text.append(mark);
    cursor = span.end;
  }
  text.append(document.createTextNode(article.text.slice(cursor)));
  for (const line of cell.unplaced) {
    const item = document.createElement("li"); item.textContent = "points at no figure: " + line;
    unplaced.append(item);
  }
}

function sortBy(table, column) {
  const body = table.tBodies[0], ascending = table.dataset.sorted !== String(column);
  const key = (row) => { const td = row.cells[column]; return td.dataset.sort !== undefined ? Number(td.dataset.sort) : td.textContent; };
  const rows = [...body.rows].sort((a, b) => {
    const x = key(a), y = key(b);
    const order = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
    return ascending ? order : -order;
  });
  body.append(...rows);
  table.dataset.sorted = ascending ? String(column) : "";
}

for (const id of ["f-split", "f-kind", "f-candidate", "f-lost"]) $(id).addEventListener("change", applyFilters);
$("f-text").addEventListener("input", applyFilters);
$("heat").addEventListener("click", (event) => {
  const cell = event.target.closest("td.cell");
  if (cell) { renderArticle(cell.dataset.article, cell.dataset.version); $("panel").scrollIntoView(); }
});
$("heat").addEventListener("keydown", (event) => { if (event.key === "Enter") event.target.click(); });
$("panel-version").addEventListener("change", (event) => renderArticle($("panel").dataset.article, event.target.value));
document.querySelectorAll("#diff thead th").forEach((th, i) => th.addEventListener("click", () => sortBy($("diff"), i)));
$("f-candidate").value = DATA.candidate;
applyFilters();
