// careergraph dashboard: one page, plain JavaScript, calling only the public /v1 API.
// Served by `careergraph serve` at /; opened from another origin it calls the server named
// by ?api=http://host:port (start that server with --cors-origin for the page's origin).
'use strict';

const API = (new URLSearchParams(location.search).get('api') || '').replace(/\/$/, '');
const SVGNS = 'http://www.w3.org/2000/svg';
const COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#000000'];
let currency = 'USD';
let allPositions = null;  // for the ladder diagram and the title suggestions

// ---- the API -----------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, body) {
    super(body.message || ('HTTP ' + status));
    this.status = status;
    this.code = body.code || '';
    this.field = body.field || '';
    this.suggestions = body.suggestions || [];
  }
}

// The answer as JSON, or as a Blob when another media type is asked for (an SVG chart).
async function call(method, path, body, accept = 'application/json') {
  const init = { method, headers: { Accept: accept } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(API + path, init);
  } catch (e) {
    throw new ApiError(0, { message: 'cannot reach the server at ' + (API || location.origin) + ': ' + e.message });
  }
  if (res.ok && accept !== 'application/json') return res.blob();
  const text = await res.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch (e) { json = { message: text }; }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}
const get = (path) => call('GET', path);
const post = (path, body) => call('POST', path, body);

// ---- small helpers -------------------------------------------------------------------------

const $ = (id) => document.getElementById(id);
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}
function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}
function money(v) {
  if (v === undefined || v === null || Number.isNaN(v)) return 'unknown';
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(v);
  } catch (e) { return Math.round(v).toLocaleString('en-US') + ' ' + currency; }
}
// A pay figure with how sure it is (PayBasis): "$161,180*" a group's shared figure,
// "~$150,000" estimated, "$239,200+" top-coded (at least this); the position's own is plain.
const PAY_MARKS = {
  PAY_BASIS_SHARED: (m) => m + '*',
  PAY_BASIS_ESTIMATED: (m) => '~' + m,
  PAY_BASIS_TOP_CODED: (m) => m + '+',
};
const PAY_BASIS_WORDS = {
  PAY_BASIS_SHARED: 'a group\'s figure shared with other positions, not the position\'s own',
  PAY_BASIS_ESTIMATED: 'estimated for the position',
  PAY_BASIS_TOP_CODED: 'top-coded: at least this',
};
function pay(v, basis) {
  const m = money(v);
  if (v === undefined || v === null || !PAY_MARKS[basis]) return m;
  return el('span', { class: 'pay-basis', title: PAY_BASIS_WORDS[basis] }, PAY_MARKS[basis](m));
}
function payNotes(notes) {
  return (notes || []).length ? el('p', { class: 'muted pay-notes' }, notes.map((n) => 'Note: ' + n).join(' ')) : '';
}
function shortMoney(v) {
  const sym = currency === 'USD' ? '$' : currency + ' ';
  if (Math.abs(v) >= 1e6) return sym + (v / 1e6).toFixed(2).replace(/\.?0+$/, '') + 'M';
  if (Math.abs(v) >= 1e3) return sym + Math.round(v / 1e3) + 'k';
  return sym + Math.round(v);
}
const pct = (v) => Math.round((v || 0) * 100) + '%';
const yrs = (v) => (Math.round((v || 0) * 100) / 100) + ' y';
const num = (v, d = 2) => (Math.round((v || 0) * 10 ** d) / 10 ** d).toString();
// A value the ladder may leave unknown (the field is then absent from the JSON).
const known = (v, d = 2) => (v === undefined || v === null ? 'unknown' : num(v, d));
const kindName = (k) => (k || '').toLowerCase().replace(/_/g, ' ');
const list = (s) => (s || '').split(',').map((x) => x.trim()).filter(Boolean);

// Shows an API error in place: the message, and "did you mean" buttons that fill `inputs[field]`.
function showError(box, err, inputs, retry) {
  box.hidden = false;
  box.replaceChildren(el('div', { class: 'message' }, err.message));
  if (err.suggestions && err.suggestions.length) {
    const input = inputs && inputs[err.field];
    box.append(el('div', { class: 'suggestions' }, 'Did you mean',
      err.suggestions.map((s) => el('button', {
        type: 'button', class: 'link suggestion', onclick: () => {
          if (input) input.value = s;
          box.hidden = true;
          if (retry) retry(s);
        },
      }, s))));
  }
}
function clearError(box) { box.hidden = true; box.replaceChildren(); }

function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', { style: 'margin:0' }, v))));
}

function table(headers, rows, rowAttrs) {
  return el('div', { class: 'scroll' }, el('table', {},
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { class: h.num ? 'num' : '' }, h.label || h)))),
    el('tbody', {}, rows.map((r, i) => el('tr', rowAttrs ? rowAttrs(i) : {},
      r.map((c, j) => el('td', { class: headers[j].num ? 'num' : headers[j].long ? 'long' : '' }, c)))))));
}

async function positions() {
  if (!allPositions) {
    const r = await get('/v1/positions?limit=1000');
    allPositions = r.positions || [];
    $('titles').replaceChildren(...allPositions.slice(0, 500).map((p) => el('option', { value: p.title })));
  }
  return allPositions;
}

// ---- views ---------------------------------------------------------------------------------

function showView(name) {
  for (const b of document.querySelectorAll('nav button')) {
    if (b.dataset.view === name) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
  }
  for (const s of document.querySelectorAll('main > section')) s.hidden = s.id !== 'view-' + name;
  if (location.hash !== '#' + name) history.replaceState(null, '', location.pathname + location.search + '#' + name);
  if (name === 'info') loadInfo();
}

// Position search, card and next moves.
async function search(q) {
  const box = $('search-error');
  clearError(box);
  $('search-results').replaceChildren();
  try {
    const r = await get('/v1/positions?search=' + encodeURIComponent(q) + '&limit=12');
    const hits = r.positions || [];
    $('search-results').replaceChildren(...hits.map((p) =>
      el('li', {}, el('button', { type: 'button', class: 'link', onclick: () => showPosition(p) }, p.title))));
    if (hits.length) showPosition(hits[0]);
  } catch (e) {
    showError(box, e, { search: $('search-q') }, (s) => search(s));
  }
}

async function showPosition(p) {
  $('position-card').replaceChildren(el('div', { class: 'card', id: 'card-' + p.id },
    el('h3', {}, p.title),
    el('div', { class: 'muted' }, [p.org, 'track ' + p.track, 'level ' + (p.level || 0), p.id].filter(Boolean).join(' · ')),
    facts([['Pay', pay(p.annualPay, p.payBasis)], ['Ambiguity', known(p.ambiguity)], ['Leadership', known(p.leadership)],
      ['Track', p.track || '—'], ['Level', String(p.level || 0)]]),
    p.description ? el('p', {}, p.description) : null));
  const out = $('next-moves');
  out.replaceChildren(el('p', { class: 'muted' }, 'Loading next moves…'));
  try {
    const r = await post('/v1/next', { from: p.id, top: 8 });
    const moves = r.moves || [];
    out.replaceChildren(el('h3', {}, 'Next moves'),
      el('p', { class: 'muted' }, r.rankingRule || ''),
      moves.length ? el('ol', { class: 'moves' }, moves.map((m) => el('li', {},
        el('strong', {}, m.title), ' — ', kindName(m.kind), ', ', yrs(m.years), ', ', pct(m.probability), ' likely, pay ',
        pay(m.pay, m.payBasis), m.payChange === undefined ? '' : ' (' + (m.payChange >= 0 ? '+' : '') + money(m.payChange) + ')',
        (m.why || []).length ? el('div', { class: 'why' }, m.why.join('; ')) : null)))
        : el('p', {}, 'No moves out of this position.'), payNotes(r.payNotes));
  } catch (e) {
    out.replaceChildren();
    const box = el('div', { class: 'error', role: 'alert' });
    out.append(box);
    showError(box, e);
  }
}

// Route, alternatives, trade-off front and the ladder diagram.
function routeRequest() {
  const f = $('route-form');
  const req = { from: f.from.value.trim(), to: f.to.value.trim(), objective: f.objective.value };
  const k = parseInt(f.alternatives.value, 10) || 1;
  if (k > 1) req.alternatives = k;
  if (req.objective === 'BEST_FIT') {
    const w = {};
    for (const n of ['years', 'risk', 'pay', 'ambiguity', 'leadership']) {
      const v = parseFloat(f.elements[n].value);
      if (v) w[n] = v;
    }
    req.weights = w;
  }
  const c = {};
  if (list(f.avoidTracks.value).length) c.avoidTracks = list(f.avoidTracks.value);
  if (list(f.via.value).length) c.via = list(f.via.value);
  if (parseInt(f.maxMoves.value, 10) > 0) c.maxMoves = parseInt(f.maxMoves.value, 10);
  if (parseFloat(f.maxYears.value) > 0) c.maxYears = parseFloat(f.maxYears.value);
  if (f.noPayCut.checked) c.noPayCut = true;
  if (Object.keys(c).length) req.constraints = c;
  return req;
}

async function route() {
  const box = $('route-error');
  clearError(box);
  for (const id of ['route-result', 'route-diagram', 'route-front']) $(id).replaceChildren();
  const req = routeRequest();
  let r;
  try {
    r = await post('/v1/route', req);
  } catch (e) {
    const f = $('route-form');
    showError(box, e, { from: f.from, to: f.to }, () => route());
    return;
  }
  const routes = r.routes || [];
  const draw = async (i) => {
    for (const tr of document.querySelectorAll('#route-result tbody tr')) tr.classList.toggle('chosen', tr.dataset.index == i);
    $('route-diagram').replaceChildren(await ladderDiagram(routes[i].steps || [], { id: 'route-svg' }));
  };
  $('route-result').replaceChildren(
    el('h3', {}, routes.length > 1 ? routes.length + ' routes, best first' : 'Route'),
    table(['#', { label: 'Steps', long: 1 }, { label: 'Years', num: 1 }, { label: 'Moves', num: 1 }, { label: 'Success', num: 1 }, { label: 'End pay', num: 1 }, ''],
      routes.map((rt, i) => [String(i + 1), (rt.steps || []).map((s) => s.title).join(' → '), num(rt.totals.years),
        String(rt.totals.moves || 0), pct(rt.totals.probability), money(rt.totals.endPay),
        el('button', { type: 'button', class: 'link', onclick: () => draw(i) }, 'Draw')]),
      (i) => ({ 'data-index': i, class: i === 0 ? 'chosen' : '' })));
  if (routes.length) await draw(0);
  // The trade-off front: years against risk against pay, the same endpoints and order.
  try {
    const t = await post('/v1/tradeoffs', { from: req.from, to: req.to, criteria: ['CRITERION_YEARS', 'CRITERION_RISK', 'CRITERION_PAY'],
      constraints: req.constraints, maxFront: 20 });
    const front = t.routes || [];
    $('route-front').replaceChildren(el('h3', {}, 'Trade-off front (' + front.length + (t.truncated ? '+' : '') + ' routes no other beats on years, risk and pay)'),
      table([{ label: 'Years', num: 1 }, { label: 'Success', num: 1 }, { label: 'End pay', num: 1 }, { label: 'Steps', long: 1 }],
        front.map((fr) => [num(fr.route.totals.years), pct(fr.route.totals.probability), money(fr.route.totals.endPay),
          (fr.route.steps || []).map((s) => s.title).join(' → ')])));
  } catch (e) {
    $('route-front').replaceChildren(el('p', { class: 'muted' }, 'Trade-off front unavailable: ' + e.message));
  }
}

// The ladder: tracks as columns, levels as rows (senior at the top); `steps` drawn as
// highlighted moves, `reached` positions outlined.
async function ladderDiagram(steps, opts = {}) {
  let ps = await positions();
  const onRoute = new Set(steps.map((s) => s.positionId));
  const reached = opts.reached || new Map();
  const start = opts.start || (steps[0] && steps[0].positionId);
  if (ps.length > 150) {
    // A large graph: only the tracks the answer touches.
    const tracks = new Set(ps.filter((p) => onRoute.has(p.id) || reached.has(p.id) || p.id === start).map((p) => p.track));
    ps = ps.filter((p) => tracks.has(p.track));
  }
  const tracks = [...new Set(ps.map((p) => p.track))];
  const levels = [...new Set(ps.map((p) => p.level || 0))].sort((a, b) => b - a);
  const cell = new Map();
  for (const p of ps) {
    const k = p.track + '|' + (p.level || 0);
    if (!cell.has(k)) cell.set(k, []);
    cell.get(k).push(p);
  }
  const perTrack = tracks.map((t) => Math.max(...levels.map((l) => (cell.get(t + '|' + l) || []).length)));
  const boxW = 132, boxH = 38, gapX = 14, rowH = 60, left = 40, top = 30;
  const colX = [];
  let x = left;
  tracks.forEach((t, i) => { colX.push(x); x += perTrack[i] * (boxW + 6) + gapX; });
  const width = x + 10, height = top + levels.length * rowH + 10;
  const where = new Map();
  const root = svg('svg', { id: opts.id, viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'aria-label': steps.length ? 'Ladder with the route ' + steps.map((s) => s.title).join(' to ') : 'Ladder' });
  root.append(svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#0b62c4' }))));
  tracks.forEach((t, i) => root.append(svg('text', { x: colX[i], y: 16, class: 'label', 'font-weight': 600 }, t)));
  levels.forEach((l, j) => root.append(svg('text', { x: 4, y: top + j * rowH + boxH / 2 + 4, class: 'label' }, 'L' + l)));
  tracks.forEach((t, i) => levels.forEach((l, j) => (cell.get(t + '|' + l) || []).forEach((p, k) => {
    const bx = colX[i] + k * (boxW + 6), by = top + j * rowH;
    where.set(p.id, [bx, by]);
    const cls = ['pos', onRoute.has(p.id) ? 'on-route' : '', reached.has(p.id) ? 'reached' : '', p.id === start ? 'start' : ''].filter(Boolean).join(' ');
    const title = p.title.length > 21 ? p.title.slice(0, 20) + '…' : p.title;
    const g = svg('g', { class: cls, 'data-id': p.id },
      svg('title', {}, p.title + ' · ' + money(p.annualPay) + (reached.has(p.id) ? ' · ' + reached.get(p.id) : '')),
      svg('rect', { x: bx, y: by, width: boxW, height: boxH, rx: 5 }),
      svg('text', { x: bx + 6, y: by + 15 }, title),
      svg('text', { x: bx + 6, y: by + 30, class: 'label' }, shortMoney(p.annualPay || 0) + (reached.has(p.id) ? ' · ' + reached.get(p.id) : '')));
    root.append(g);
  })));
  for (let i = 1; i < steps.length; i++) {
    const a = where.get(steps[i - 1].positionId), b = where.get(steps[i].positionId);
    if (!a || !b) continue;
    const [x1, y1, x2, y2] = edgePoints(a, b, boxW, boxH);
    root.append(svg('line', { class: 'move route-move', x1, y1, x2, y2,
      'data-from': steps[i - 1].positionId, 'data-to': steps[i].positionId },
    svg('title', {}, steps[i - 1].title + ' → ' + steps[i].title + ' (' + kindName(steps[i].kind) + ', ' + yrs(steps[i].years) + ')')));
  }
  return root;
}

// From the border of box a to the border of box b, along the line between their centres.
function edgePoints([ax, ay], [bx, by], w, h) {
  const c1 = [ax + w / 2, ay + h / 2], c2 = [bx + w / 2, by + h / 2];
  const dx = c2[0] - c1[0], dy = c2[1] - c1[1];
  const t = Math.min(dx ? (w / 2) / Math.abs(dx) : Infinity, dy ? (h / 2) / Math.abs(dy) : Infinity, 0.45);
  return [c1[0] + dx * t, c1[1] + dy * t, c2[0] - dx * t, c2[1] - dy * t];
}

// Compare: verdict, options table and one line per option.
async function compare() {
  const box = $('compare-error');
  clearError(box);
  $('compare-result').replaceChildren();
  $('compare-chart').replaceChildren();
  $('compare-actions').replaceChildren();
  const f = $('compare-form');
  const req = { from: f.from.value.trim(), tracks: list(f.tracks.value), horizonYears: parseFloat(f.years.value) || 10 };
  let r;
  try {
    r = await post('/v1/compare', req);
  } catch (e) {
    showError(box, e, { from: f.from }, () => compare());
    return;
  }
  const opts = r.options || [];
  const lines = r.verdictLines || r.verdict_lines || [];
  $('compare-result').replaceChildren(...[
    el('p', { class: 'verdict', id: 'verdict' }, r.verdict || ('Most expected earnings: ' + (r.winner || 'none'))),
    // The first line is the answer (shown above as the verdict); the rest are its drivers.
    lines.length > 1 ? el('ul', { id: 'verdict-lines' }, lines.slice(1).map((l) => el('li', {}, l))) : null,
    table(['Option', { label: 'Expected earnings', num: 1 }, { label: 'Best plan earnings', num: 1 }, { label: 'P(in option at end)', num: 1 }, { label: 'Best plan', long: 1 }, { label: 'Ceiling', long: 1 }],
      opts.map((o) => [o.name || o.label, money(o.expectedEarnings), money(o.bestEarnings), pct(o.endProbability),
        ((o.bestPlan || {}).steps || []).map((s) => s.title).join(' → ') || '—',
        o.ceilingTitle ? o.ceilingTitle + ' (' + money(o.ceilingPay) + ')' : '—']))].filter(Boolean));
  $('compare-chart').replaceChildren(payChart(opts, f.line.value, r));
  $('compare-actions').replaceChildren(el('button', { type: 'button', class: 'link', id: 'compare-svg-download',
    onclick: () => downloadChart(req) }, 'Download the chart as SVG (drawn by the server)'));
}

// The server's own drawing of the same answer (Accept: image/svg+xml), as a file.
async function downloadChart(req) {
  let blob;
  try {
    blob = await call('POST', '/v1/compare', req, 'image/svg+xml');
  } catch (e) {
    showError($('compare-error'), e);
    return;
  }
  const a = el('a', { href: URL.createObjectURL(blob), download: 'compare.svg' });
  document.body.append(a);
  a.click();
  a.remove();
}

function payChart(opts, key, r) {
  const W = 720, H = 360, L = 70, R = 20, T = 40, B = 50;
  const pts = opts.map((o) => (o.series || []).map((p) => [p.year || 0, p[key] || 0]));
  const all = pts.flat();
  const xmax = Math.max(r.horizonYears || 1, ...all.map((p) => p[0]));
  let ymin = Math.min(...all.map((p) => p[1]), r.fromPay || Infinity), ymax = Math.max(...all.map((p) => p[1]), 1);
  if (!Number.isFinite(ymin)) ymin = 0;
  const step = niceStep(ymax - ymin || ymax, 5);
  ymin = Math.floor(ymin / step) * step; ymax = Math.ceil(ymax / step) * step;
  const sx = (x) => L + (x / xmax) * (W - L - R), sy = (y) => H - B - ((y - ymin) / (ymax - ymin || 1)) * (H - T - B);
  const root = svg('svg', { id: 'compare-svg', viewBox: `0 0 ${W} ${H}`, width: '100%', style: 'max-width:' + W + 'px', role: 'img',
    'aria-label': (key === 'bestPay' ? 'Best plan pay' : 'Expected pay') + ' over ' + xmax + ' years for ' + opts.map((o) => o.name || o.label).join(' and ') });
  const grid = svg('g', { class: 'grid' }), axis = svg('g', { class: 'axis' });
  for (let y = ymin; y <= ymax + step / 2; y += step) {
    grid.append(svg('line', { x1: L, x2: W - R, y1: sy(y), y2: sy(y) }));
    axis.append(svg('text', { x: L - 6, y: sy(y) + 4, 'text-anchor': 'end' }, shortMoney(y)));
  }
  const xs = niceStep(xmax, 8);
  for (let x = 0; x <= xmax + 1e-9; x += xs) axis.append(svg('text', { x: sx(x), y: H - B + 16, 'text-anchor': 'middle' }, num(x, 2)));
  axis.append(svg('text', { x: (L + W - R) / 2, y: H - 12, 'text-anchor': 'middle' }, 'years from now'));
  root.append(svg('text', { x: L, y: 18, 'font-weight': 600, 'font-size': 14 }, (key === 'bestPay' ? 'Best plan pay' : 'Expected pay') + ' from ' + (r.fromTitle || '')));
  root.append(grid, axis);
  opts.forEach((o, i) => {
    if (!pts[i].length) return;
    // Pay is held until the next move: steps, not slopes.
    let d = 'M' + sx(pts[i][0][0]) + ',' + sy(pts[i][0][1]);
    for (let j = 1; j < pts[i].length; j++) d += 'H' + sx(pts[i][j][0]) + 'V' + sy(pts[i][j][1]);
    root.append(svg('path', { class: 'series', d, stroke: COLORS[i % COLORS.length], 'data-option': o.label },
      svg('title', {}, o.name || o.label)));
    const lx = L + 4 + i * 210;
    root.append(svg('rect', { x: lx, y: 28, width: 16, height: 4, fill: COLORS[i % COLORS.length] }),
      svg('text', { x: lx + 20, y: 34, 'font-size': 12 }, o.name || o.label));
  });
  return root;
}

function niceStep(range, ticks) {
  if (!(range > 0)) return 1;
  const raw = range / ticks, mag = 10 ** Math.floor(Math.log10(raw)), f = raw / mag;
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
}

// Reach within N years, drawn on the ladder, and the highest-earning plan as a timeline.
async function reach() {
  const box = $('reach-error');
  clearError(box);
  for (const id of ['reach-result', 'reach-diagram', 'plan-result', 'plan-timeline']) $(id).replaceChildren();
  const f = $('reach-form');
  const from = f.from.value.trim(), years = parseFloat(f.years.value) || 5;
  let r;
  try {
    r = await post('/v1/reach', { from, withinYears: years, sort: 'REACH_SORT_PAY' });
  } catch (e) {
    showError(box, e, { from: f.from }, () => reach());
    return;
  }
  const reached = new Map((r.positions || []).map((p) => [p.positionId, yrs(p.years)]));
  $('reach-result').replaceChildren(el('p', {}, (r.reachable || 0) + ' positions reachable from ' + r.fromTitle + ' within ' + years +
    ' years; best paid: ' + ((r.positions || [])[0] ? r.positions[0].title + ' (' + (PAY_MARKS[r.positions[0].payBasis] || String)(money(r.positions[0].pay)) + ')' : 'none') + '.'),
    payNotes(r.payNotes));
  $('reach-diagram').replaceChildren(await ladderDiagram([], { id: 'reach-svg', reached, start: r.fromId }));
  try {
    const p = await post('/v1/plan', { from, horizonYears: years });
    const plan = p.earnings || {};
    $('plan-result').replaceChildren(facts([['Earnings over ' + years + ' y', money(plan.totalEarnings)],
      ['Staying put', money(plan.stayEarnings)], ['Moves', String(plan.moves || 0)], ['Success', pct(plan.probability)], ['End pay', money(plan.endPay)]]));
    $('plan-timeline').replaceChildren(timeline(plan.steps || [], years));
  } catch (e) {
    const b = el('div', { class: 'error', role: 'alert' });
    $('plan-result').replaceChildren(b);
    showError(b, e);
  }
}

function timeline(steps, horizon) {
  const W = 720, rowH = 34, L = 10, R = 10, T = 10;
  const H = T + steps.length * rowH + 30;
  const sx = (x) => L + (x / horizon) * (W - L - R);
  const root = svg('svg', { id: 'plan-svg', viewBox: `0 0 ${W} ${H}`, width: '100%', style: 'max-width:' + W + 'px', role: 'img', 'aria-label': 'Plan timeline' });
  steps.forEach((s, i) => {
    const x0 = sx(s.arrivalYear || 0), x1 = sx((s.arrivalYear || 0) + (s.yearsHeld || 0)), y = T + i * rowH;
    // The move being made (from its start to the arrival) as a thin grey lead-in.
    if ((s.arrivalYear || 0) > (s.startYear || 0))
      root.append(svg('rect', { x: sx(s.startYear || 0), y: y + rowH / 2 - 2, width: Math.max(1, x0 - sx(s.startYear || 0)), height: 4, fill: '#c3c9d3' },
        svg('title', {}, 'moving: ' + kindName(s.kind) + ', ' + yrs(s.moveYears))));
    root.append(svg('rect', { x: x0, y: y + 4, width: Math.max(2, x1 - x0), height: rowH - 8, rx: 3, fill: COLORS[i % COLORS.length], opacity: 0.85 },
      svg('title', {}, s.title + ': ' + (PAY_MARKS[s.payBasis] || String)(money(s.pay)) + ' for ' + yrs(s.yearsHeld))));
    const label = s.title + ' · ' + shortMoney(s.pay || 0) + ' · from year ' + num(s.arrivalYear || 0);
    const room = label.length * 6.4;
    // Inside the bar when it fits, else beside it on the side with more room.
    const at = x1 - x0 > room + 8 ? { x: x0 + 6, anchor: 'start', fill: '#fff' }
      : W - x1 >= x0 ? { x: x1 + 6, anchor: 'start', fill: '#1d2330' } : { x: x0 - 6, anchor: 'end', fill: '#1d2330' };
    root.append(svg('text', { x: at.x, y: y + rowH / 2 + 4, 'font-size': 12, fill: at.fill, 'text-anchor': at.anchor,
      'paint-order': 'stroke', stroke: at.fill === '#fff' ? 'none' : '#fff', 'stroke-width': 3 }, label));
  });
  const ay = T + steps.length * rowH + 14;
  for (let x = 0; x <= horizon + 1e-9; x += niceStep(horizon, 10))
    root.append(svg('text', { x: sx(x), y: ay, 'font-size': 11, fill: '#5b6475', 'text-anchor': 'middle' }, num(x)));
  return root;
}

// Graph info and tracks.
async function loadInfo() {
  const box = $('info-error');
  clearError(box);
  try {
    const g = await get('/v1/graph');
    $('info-result').replaceChildren(el('div', { class: 'card' }, el('h3', {}, g.name || 'graph'),
      g.description ? el('p', {}, g.description) : null,
      facts([['Version', g.version || '—'], ['Positions', String(g.positions || 0)], ['Transitions', String(g.transitions || 0)],
        ['Tracks', String(g.tracks || 0)], ['Orgs', String(g.orgs || 0)], ['Currency', g.currency || '—'], ['Source', g.source || '—'],
        ['Loaded', g.loadedAt || '—']]),
      (g.sources || []).length ? table(['Source', 'Licence', 'Attribution'], g.sources.map((s) =>
        [s.url ? el('a', { href: s.url }, s.name || s.url) : (s.name || '—'), s.licence || '—', s.attribution || ''])) : null));
  } catch (e) { showError(box, e); }
  let rows = null;
  try {
    const t = await get('/v1/tracks');  // newer servers; older ones answer 404
    const ts = t.tracks || [];
    if (ts.length) rows = ts.map((x) => [x.id || '', x.name || '', String((x.levels || x.positions || []).length || x.positionCount || '')]);
  } catch (e) { /* derived from the positions below */ }
  if (!rows) {
    const by = new Map();
    for (const p of await positions()) {
      if (!by.has(p.track)) by.set(p.track, []);
      by.get(p.track).push(p);
    }
    rows = [...by].map(([t, ps]) => [t, ps.sort((a, b) => (a.level || 0) - (b.level || 0)).map((p) => p.title).join(' → '), String(ps.length)]);
  }
  $('tracks-result').replaceChildren(table(['Track', { label: 'Positions (by level)', long: 1 }, { label: 'Count', num: 1 }], rows));
}

// ---- wiring --------------------------------------------------------------------------------

function onSubmit(id, fn) {
  $(id).addEventListener('submit', (ev) => { ev.preventDefault(); fn(); });
}

document.addEventListener('DOMContentLoaded', () => {
  for (const b of document.querySelectorAll('nav button')) b.addEventListener('click', () => showView(b.dataset.view));
  onSubmit('search-form', () => search($('search-q').value.trim()));
  onSubmit('route-form', route);
  onSubmit('compare-form', compare);
  onSubmit('reach-form', reach);
  $('route-objective').addEventListener('change', (e) => {
    const w = $('route-weights');
    w.disabled = w.hidden = e.target.value !== 'BEST_FIT';
  });
  get('/v1/graph').then((g) => { currency = g.currency || 'USD'; }).catch(() => {});
  positions().catch(() => {});
  const v = location.hash.replace('#', '');
  showView(['search', 'route', 'compare', 'reach', 'info'].includes(v) ? v : 'search');
});
