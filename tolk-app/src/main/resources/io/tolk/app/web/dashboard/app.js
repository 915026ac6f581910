// The tolk dashboard: a few pages over the admin API (/api/...), routed by the URL's #fragment.
import {h, fill, time, duration, num, badge, value, chart} from './dom.js';

const page = document.getElementById('page');
const notice = document.getElementById('notice');
let csrf = null;
let refreshTimer = null;

// ------------------------------------------------------------------------------------------------ API

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(method, path, body) {
  const headers = {'Accept': 'application/json'};
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  const res = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin'});
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
  if (!res.ok) throw new ApiError(res.status, (data && data.error) || (res.status + ' ' + res.statusText));
  return data;
}

const enc = encodeURIComponent;
const recordPath = (c, ref) => `#/record/${enc(c)}/${ref.split('/').map(enc).join('/')}`;

function show(message, bad) {
  notice.textContent = message;
  notice.className = 'notice' + (bad ? ' bad' : '');
  notice.hidden = false;
  clearTimeout(show.timer);
  show.timer = setTimeout(() => { notice.hidden = true; }, 6000);
}

/** A button that runs an API call, says what happened, and reloads the page's data. */
function action(label, run, attrs = {}) {
  const b = h('button', attrs, label);
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      const message = await run();
      show(message || 'Done.');
    } catch (e) {
      show(e.message, true);
    } finally {
      b.disabled = false;
      setTimeout(route, 300);
    }
  });
  return b;
}

// ------------------------------------------------------------------------------------------------ sign-in

async function ensureSession() {
  const s = await api('GET', '/api/session');
  if (s.signedIn) { csrf = s.csrf; return true; }
  if (!s.tokenRequired) {
    const opened = await api('POST', '/api/session', {});
    csrf = opened.csrf;
    return true;
  }
  return false;
}

function signInPage() {
  const input = h('input', {type: 'password', id: 'token', autocomplete: 'current-password', placeholder: 'server.token'});
  const error = h('p', {class: 'error-text', id: 'signin-error'});
  const form = h('form', {class: 'card signin', id: 'signin'},
    h('h1', {}, 'Sign in to tolk'),
    h('p', {class: 'muted'}, 'Give the admin token of this server (server.token in tolk.yaml).'),
    input, h('button', {type: 'submit'}, 'Sign in'), error);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      const s = await api('POST', '/api/session', {token: input.value});
      csrf = s.csrf;
      route();
    } catch (e) {
      error.textContent = e.message;
    }
  });
  fill(page, form);
  input.focus();
}

// ------------------------------------------------------------------------------------------------ overview

const SERIES = [
  {name: 'changes', key: 'changes', color: '#2f5bd3'},
  {name: 'failures', key: 'failures', color: '#b42318'},
  {name: 'API calls', key: 'apiCalls', color: '#9aa4b2'}];

async function overview() {
  const status = await api('GET', '/api/status');
  const cards = [];
  for (const c of status.connections) {
    const runs = await api('GET', `/api/connections/${enc(c.name)}/runs?limit=50`);
    cards.push(connectionCard(c, runs.runs));
  }
  fill(page, h('h1', {}, 'Overview'), cards,
    h('p', {class: 'muted'}, 'As of ', time(status.at), '; refreshes every 5 seconds.'));
  refreshTimer = setTimeout(route, 5000);
}

function connectionCard(c, runs) {
  const hl = c.health;
  const id = c.name;
  const paused = c.paused;
  const head = h('div', {class: 'card-head'},
    h('h2', {}, 'Connection ', c.name), badge(hl.state), paused ? badge('paused') : null,
    h('div', {class: 'actions'},
      action('Sync now', async () => {
        const r = await api('POST', `/api/connections/${enc(id)}/cycle`);
        return r.cycleRequested ? 'A cycle of ' + id + ' was asked for.' : id + ' is paused; resume it to sync.';
      },
        {'data-action': 'cycle'}),
      paused ? action('Resume', async () => { await api('POST', `/api/connections/${enc(id)}/resume`); return id + ' resumed.'; }, {class: 'secondary'})
             : action('Pause', async () => { await api('POST', `/api/connections/${enc(id)}/pause`); return id + ' paused.'; }, {class: 'secondary'})));
  const facts = h('div', {class: 'facts'},
    h('span', {}, 'Last success ', h('b', {}, time(hl.lastSuccess))),
    h('span', {}, 'Since last complete cycle ', h('b', {}, duration(hl.sinceLastCompleteSeconds))),
    h('span', {}, 'Stale after ', h('b', {}, duration(hl.staleAfterSeconds))),
    c.running ? h('span', {}, 'Now ', h('b', {}, c.running.phase, c.running.total > 0 ? ` (${num(c.running.done)} of ${num(c.running.total)})` : ''))
              : h('span', {}, 'Idle'));
  const lastError = hl.lastError ? h('p', {class: 'error-text'}, 'Last error (', time(hl.lastErrorAt), '): ', hl.lastError) : null;
  const flows = h('table', {class: 'flows'},
    h('thead', {}, h('tr', {}, h('th', {}, 'Flow'), h('th', {}, 'Records'), h('th', {}, 'State'),
      ['Linked', 'In sync', 'Filtered out', 'Failing', 'Conflicts', 'Needs review'].map(t => h('th', {class: 'num'}, t)))),
    h('tbody', {}, c.flows.map(f => h('tr', {'data-flow': f.flow},
      h('td', {}, f.flow), h('td', {}, f.title), h('td', {}, badge(f.state)),
      ['linked', 'inSync', 'filteredOut', 'failing', 'conflicts', 'needsReview'].map(k =>
        h('td', {class: 'num', 'data-count': `${c.name}/${f.flow}/${k}`}, num(f[k])))))));
  const records = h('table', {class: 'records'},
    h('thead', {}, h('tr', {}, h('th', {}, 'System'), h('th', {}, 'Type'), h('th', {class: 'num'}, 'Records read'))),
    h('tbody', {}, c.records.map(r => h('tr', {},
      h('td', {}, r.systemName), h('td', {}, r.typeName),
      h('td', {class: 'num', 'data-records': `${c.name}/${r.system}/${r.type}`}, num(r.records))))));
  const runTable = h('table', {class: 'runs'},
    h('thead', {}, h('tr', {}, h('th', {}, 'Started'), h('th', {}, 'Outcome'), h('th', {class: 'num'}, 'Duration'),
      h('th', {class: 'num'}, 'Changes'), h('th', {class: 'num'}, 'Failures'), h('th', {class: 'num'}, 'API calls'), h('th', {}, 'Error'))),
    h('tbody', {}, runs.slice(0, 10).map(r => h('tr', {'data-run': r.id},
      h('td', {}, time(r.startedAt)), h('td', {}, r.outcome),
      h('td', {class: 'num'}, r.durationMillis === null ? '–' : duration(r.durationMillis / 1000)),
      h('td', {class: 'num'}, num(r.changes)), h('td', {class: 'num'}, num(r.failures)),
      h('td', {class: 'num'}, num(r.apiCalls)), h('td', {class: 'error-text'}, r.error || '')))));
  return h('section', {class: 'card', 'data-connection': c.name}, head, facts, lastError,
    h('h3', {}, 'Flows'), flows,
    h('div', {class: 'grid2'},
      h('div', {}, h('h3', {}, 'Records'), records),
      h('div', {}, h('h3', {}, 'Changes, failures and API calls per cycle'), runs.length ? chart(runs, SERIES) : h('p', {class: 'muted'}, 'No cycle yet.'))),
    h('h3', {}, 'Last runs'), runs.length ? runTable : h('p', {class: 'muted'}, 'No cycle has run yet.'));
}

// ------------------------------------------------------------------------------------------------ search

async function search(q) {
  document.getElementById('search-q').value = q;
  const result = await api('GET', '/api/search?q=' + enc(q));
  const rows = result.hits.map(hit => h('tr', {class: 'hit'},
    h('td', {}, h('a', {href: recordPath(hit.connection, hit.record.ref), class: 'hit-link'}, hit.record.name || hit.record.ref)),
    h('td', {}, hit.record.systemName, ' ', hit.record.typeName), h('td', {class: 'ref'}, hit.record.ref),
    h('td', {}, hit.partners.length ? hit.partners.map(p => h('div', {}, h('a', {href: recordPath(hit.connection, p.ref)}, p.name || p.ref),
      ' ', h('span', {class: 'muted'}, p.systemName))) : h('span', {class: 'muted'}, 'not linked')),
    h('td', {class: 'muted'}, hit.matched), h('td', {class: 'muted'}, hit.connection)));
  fill(page, h('h1', {}, 'Search: ', q),
    result.hits.length ? h('table', {id: 'hits'},
      h('thead', {}, h('tr', {}, ['Name', 'Type', 'Reference', 'Linked to', 'Matched by', 'Connection'].map(t => h('th', {}, t)))),
      h('tbody', {}, rows))
      : h('p', {class: 'muted'}, 'Nothing found. Search takes an id, or the start of an organisation\'s name or a person\'s e-mail.'),
    result.more ? h('p', {class: 'muted'}, 'More records match; type more of the name.') : null);
}

// ------------------------------------------------------------------------------------------------ record page

async function record(connection, ref) {
  const r = await api('GET', `/api/connections/${enc(connection)}/records/${ref.split('/').map(enc).join('/')}`);
  const sides = r.sides;
  const head = h('div', {class: 'card-head'}, h('h1', {}, r.record.name || r.record.ref),
    h('span', {class: 'muted'}, r.record.systemName, ' ', r.record.typeName, r.flow ? ' · flow ' + r.flow : ''),
    h('div', {class: 'actions'}, r.entityId && sides.length > 1 ? action('Unlink', async () => {
      await api('POST', `/api/connections/${enc(connection)}/review/unlink`, {record: r.record.ref});
      return 'Unlinked; the records wait in the review queue.';
    }, {class: 'secondary', 'data-action': 'unlink'}) : null));
  const sideHead = h('tr', {}, h('th', {}, 'Property'), sides.map(s => h('th', {'data-side': s.record.system},
    h('a', {href: recordPath(connection, s.record.ref)}, s.record.systemName, ' ', s.record.typeName), ' ',
    h('span', {class: 'ref'}, s.record.id))));
  const rows = r.rows.map(row => h('tr', {class: row.same ? 'same' : 'diff', 'data-property': row.property},
    h('td', {}, row.property.replace(/^(organization|person)\./, ''),
      row.same ? null : h('span', {class: 'muted'}, ' · differs')),
    sides.map(s => {
      const cell = row.cells.find(c => c.ref === s.record.ref);
      return h('td', {class: 'value', 'data-system': s.record.system},
        cell ? value(cell.value) : h('span', {class: 'muted'}, 'not bound'),
        cell ? h('div', {class: 'ref'}, cell.field) : null);
    })));
  const meta = h('tr', {}, h('td', {class: 'muted'}, 'last changed'), sides.map(s => h('td', {},
    time(s.modifiedAt), s.modifiedBy ? h('div', {class: 'muted'}, 'by ', s.modifiedBy) : null,
    s.linkState && s.linkState !== 'active' ? h('div', {class: 'muted'}, s.linkState) : null)));
  const compare = h('table', {id: 'sides'}, h('thead', {}, sideHead), h('tbody', {}, rows, meta));
  const failures = r.failures.length ? [h('h2', {}, 'Failures'), h('ul', {}, r.failures.map(f =>
    h('li', {class: 'error-text'}, f.reason, h('span', {class: 'muted'}, ' (', f.attempts, ' attempts, last ', time(f.lastAt), ')'))))] : null;
  const review = r.review ? [h('h2', {}, 'Waits for review'), h('p', {}, r.review.reason)] : null;
  const conflicts = r.conflicts.length ? [h('h2', {}, 'Conflicts'), conflictTable(connection, r.conflicts, false)] : null;
  const timeline = h('ul', {class: 'timeline', id: 'history'}, r.history.map(l => h('li', {class: l.byTolk ? 'by-tolk' : l.action === 'changed' ? 'edit' : ''},
    h('span', {class: 'when'}, time(l.at)),
    h('span', {class: 'what'}, l.action),
    h('span', {class: 'detail'},
      h('span', {class: 'muted'}, l.record.systemName, ' ', l.record.typeName, l.byTolk && l.from ? ' (tolk wrote it, from ' + l.from + ')' : '', ': '),
      l.detail || ''))));
  fill(page, head, h('p', {class: 'ref'}, r.record.ref), compare, failures, review, conflicts,
    h('h2', {}, 'History'), r.history.length ? timeline : h('p', {class: 'muted'}, 'Nothing has happened to these records yet.'));
}

// ------------------------------------------------------------------------------------------------ failures

async function failures() {
  const status = await api('GET', '/api/status');
  const sections = [];
  for (const c of status.connections) {
    const f = await api('GET', `/api/connections/${enc(c.name)}/failures`);
    const retry = (body, what, label = 'Retry') => action(label, async () => {
      const res = await api('POST', `/api/connections/${enc(c.name)}/failures/retry`, body);
      return `Retrying ${what} (${res.retried}); a cycle was asked for.`;
    }, {class: 'secondary', 'data-action': 'retry'});
    sections.push(h('section', {class: 'card', 'data-connection': c.name},
      h('div', {class: 'card-head'}, h('h2', {}, 'Connection ', c.name), h('span', {class: 'muted'}, num(f.total), ' failing'),
        h('div', {class: 'actions'}, f.total ? action('Retry all', async () => {
          const res = await api('POST', `/api/connections/${enc(c.name)}/failures/retry`, {});
          return `Retrying ${res.retried} failures; a cycle was asked for.`;
        }, {'data-action': 'retry-all'}) : null)),
      f.groups.length ? f.groups.map(g => h('div', {class: 'group', 'data-group': g.group},
        h('h3', {}, g.kind, h('span', {class: 'muted'}, ' → ', g.target, ' · ', num(g.count))), retry({group: g.group}, 'failures of this kind', `Retry these ${g.count}`),
        h('table', {}, h('tbody', {}, g.failures.map(x => h('tr', {class: 'failure', 'data-failure': x.id},
          h('td', {}, h('a', {href: recordPath(c.name, x.record.ref)}, x.record.name || x.record.ref), h('div', {class: 'ref'}, x.record.ref)),
          h('td', {}, x.reason), h('td', {class: 'muted'}, num(x.attempts), ' attempts'), h('td', {class: 'muted'}, 'next ', time(x.nextRetryAt)),
          h('td', {}, retry({ids: [x.id]}, 'this record')))))))) : h('p', {class: 'muted'}, 'No failures.')));
  }
  fill(page, h('h1', {}, 'Failures'), sections);
}

// ------------------------------------------------------------------------------------------------ review queue

async function review() {
  const status = await api('GET', '/api/status');
  const sections = [];
  for (const c of status.connections) {
    const q = await api('GET', `/api/connections/${enc(c.name)}/review`);
    const post = (what, body, message) => api('POST', `/api/connections/${enc(c.name)}/review/${what}`, body).then(() => message);
    sections.push(h('section', {class: 'card', 'data-connection': c.name}, h('h2', {}, 'Connection ', c.name),
      q.items.length ? h('table', {id: 'review'},
        h('thead', {}, h('tr', {}, ['Waiting record', 'Why', 'Candidates', ''].map(t => h('th', {}, t)))),
        h('tbody', {}, q.items.map(i => h('tr', {class: 'review-item', 'data-record': i.record.ref},
          h('td', {}, h('a', {href: recordPath(c.name, i.record.ref)}, i.record.name || i.record.ref),
            h('div', {class: 'muted'}, i.record.systemName, ' ', i.record.typeName), h('div', {class: 'ref'}, i.record.ref)),
          h('td', {}, i.reason, h('div', {class: 'muted'}, 'since ', time(i.at))),
          h('td', {}, i.candidates.length ? h('ul', {class: 'candidates'}, i.candidates.map(cand => h('li', {},
            h('a', {href: recordPath(c.name, cand.ref)}, cand.name || cand.ref), h('span', {class: 'ref'}, cand.ref),
            action('Link', () => post('link', {record: i.record.ref, with: cand.ref}, 'Linked; the next cycle merges them.'),
              {'data-action': 'link', 'data-candidate': cand.ref})))) : h('span', {class: 'muted'}, 'none')),
          h('td', {}, i.origin === 'create' ? h('span', {class: 'muted'}, 'its partner is being created')
            : h('div', {}, i.origin === 'user' ? h('div', {class: 'muted'}, 'unlinked by a person') : null,
              action('Create its partner', () => post('create', {record: i.record.ref},
                'Its partner will be created by the next cycle.'), {class: 'secondary', 'data-action': 'create'})))))))
        : h('p', {class: 'muted'}, 'Nothing waits for review.')));
  }
  fill(page, h('h1', {}, 'Review queue'), sections);
}

// ------------------------------------------------------------------------------------------------ conflicts

/** A system's name as the conflict's records give it (e.g. PowerOffice for poweroffice). */
function sideName(conflict, system) {
  const r = (conflict.records || []).find(x => x.system === system);
  return r ? r.systemName : (system || '');
}

function conflictTable(connection, list, withRecords) {
  return h('table', {class: 'conflicts'},
    h('thead', {}, h('tr', {}, ['When', 'Flow', 'Property', 'Kept', 'Lost', 'Decided by', withRecords ? 'Records' : null, ''].filter(Boolean)
      .map(t => h('th', {}, t)))),
    h('tbody', {}, list.map(x => h('tr', {'data-conflict': x.id},
      h('td', {}, time(x.at)), h('td', {}, x.flow || ''), h('td', {}, x.property),
      h('td', {class: 'value'}, value(x.winnerValue), h('div', {class: 'muted'}, sideName(x, x.winnerSide))),
      h('td', {class: 'value'}, value(x.loserValue), h('div', {class: 'muted'}, sideName(x, x.loserSide))),
      h('td', {}, x.reason || ''),
      withRecords ? h('td', {}, x.records.map(r => h('div', {}, h('a', {href: recordPath(connection, r.ref)}, r.name || r.ref),
        ' ', h('span', {class: 'ref'}, r.ref)))) : null,
      h('td', {}, x.restored ? h('span', {class: 'muted'}, 'restored')
        : action('Restore', () => api('POST', `/api/connections/${enc(connection)}/conflicts/${x.id}/restore`)
            .then(() => 'Restored; the next cycle writes the value to both sides.'), {class: 'secondary', 'data-action': 'restore'}))))));
}

async function conflicts() {
  const status = await api('GET', '/api/status');
  const sections = [];
  for (const c of status.connections) {
    const list = await api('GET', `/api/connections/${enc(c.name)}/conflicts?limit=100`);
    sections.push(h('section', {class: 'card', 'data-connection': c.name}, h('h2', {}, 'Connection ', c.name),
      list.conflicts.length ? conflictTable(c.name, list.conflicts, true) : h('p', {class: 'muted'}, 'No conflicts.')));
  }
  fill(page, h('h1', {}, 'Conflicts'), sections);
}

// ------------------------------------------------------------------------------------------------ routing

async function route() {
  clearTimeout(refreshTimer);
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const name = parts[0] || 'overview';
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.nav === name);
  try {
    if (!(await ensureSession())) { signInPage(); return; }
    if (name === 'overview') await overview();
    else if (name === 'search') await search(new URLSearchParams(query || '').get('q') || '');
    else if (name === 'record' && parts.length >= 5) await record(parts[1], parts.slice(2).join('/'));
    else if (name === 'failures') await failures();
    else if (name === 'review') await review();
    else if (name === 'conflicts') await conflicts();
    else fill(page, h('h1', {}, 'Not found'), h('p', {}, h('a', {href: '#/'}, 'Back to the overview')));
  } catch (e) {
    if (e.status === 401) { csrf = null; signInPage(); return; }
    fill(page, h('h1', {}, 'Something went wrong'), h('p', {class: 'error-text'}, e.message));
  }
}

document.getElementById('search').addEventListener('submit', ev => {
  ev.preventDefault();
  const q = document.getElementById('search-q').value.trim();
  if (q) location.hash = '#/search?q=' + enc(q);
});
window.addEventListener('hashchange', route);
route();
