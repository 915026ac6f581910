// DOM building and formatting. Every value from the API goes into the page as text (textContent / text nodes),
// never as HTML, so a record named <img src=x onerror=alert(1)> is shown as those characters.

/** An element: h('td', {class: 'num'}, 'text', otherNode, ...). Strings and numbers become text nodes. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** Replaces an element's children (arrays flattened, strings as text). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** An SVG element (namespaced); attributes only, children as nodes. */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, String(v));
  for (const c of children) {
    if (c instanceof Node) el.appendChild(c);
    else if (c !== null && c !== undefined) el.appendChild(document.createTextNode(String(c)));
  }
  return el;
}

const TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false
});

/** A local time to the second, e.g. 03.12.2026, 14:05:09; '–' for none. */
export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : TIME.format(d);
}

/** A duration in words: 45 s, 3 min 12 s, 2 h 5 min, 3 d 4 h. */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  let s = Math.max(0, Math.round(seconds));
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
}

/** A whole number with thousands separators. */
export function num(n) {
  return n === null || n === undefined ? '–' : Number(n).toLocaleString();
}

export function badge(state) {
  return h('span', {class: 'badge ' + state, 'data-state': state}, state);
}

/** Empty shown as a muted dash, anything else as the text it is. */
export function value(v) {
  return v === null || v === undefined || v === '' ? h('span', {class: 'muted'}, '(empty)') : String(v);
}

/**
 * A line chart of runs over time as inline SVG: one polyline per series, oldest left.
 * series: [{name, color, key}] (the CSS colours the legend's swatch by key, as CSP allows no inline styles) read from each run; runs newest first (as the API gives them).
 */
export function chart(runs, series) {
  const data = runs.slice().reverse();
  const W = 760, H = 170, L = 44, B = 22, T = 8, R = 8;
  const max = Math.max(1, ...data.flatMap(r => series.map(s => r[s.key] || 0)));
  const x = i => L + (data.length <= 1 ? (W - L - R) / 2 : i * (W - L - R) / (data.length - 1));
  const y = v => T + (H - T - B) * (1 - v / max);
  const root = svg('svg', {viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'changes, failures and API calls per cycle'});
  for (const f of [0, 0.5, 1]) {
    const v = Math.round(max * f);
    root.appendChild(svg('line', {x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#e4e7ec'}));
    root.appendChild(svg('text', {x: L - 6, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#667085'}, v.toLocaleString()));
  }
  if (data.length) {
    root.appendChild(svg('text', {x: L, y: H - 4, 'font-size': 11, fill: '#667085'}, time(data[0].startedAt)));
    root.appendChild(svg('text', {x: W - R, y: H - 4, 'font-size': 11, fill: '#667085', 'text-anchor': 'end'},
      time(data[data.length - 1].startedAt)));
  }
  for (const s of series) {
    const pts = data.map((r, i) => `${x(i)},${y(r[s.key] || 0)}`).join(' ');
    root.appendChild(svg('polyline', {points: pts, fill: 'none', stroke: s.color, 'stroke-width': 2}));
    data.forEach((r, i) => {
      const dot = svg('circle', {cx: x(i), cy: y(r[s.key] || 0), r: 2.5, fill: s.color});
      dot.appendChild(svg('title', {}, `${s.name}: ${(r[s.key] || 0).toLocaleString()} (${time(r.startedAt)})`));
      root.appendChild(dot);
    });
  }
  const legend = h('div', {class: 'legend'}, series.map(s =>
    h('span', {}, h('span', {class: 'swatch ' + s.key}), s.name)));
  return h('div', {class: 'chart'}, root, legend);
}
