// The admin console: orders (filters, detail with history, status and bulk changes), stock
// levels, dead letters, and a live feed of every status change (ADR 032).
import { call, follow, signIn, signOut } from './api.js';
import { el, formValues, say, show, when } from './dom.js';

const STATUSES = ['received', 'pending', 'rejected', 'confirmed', 'shipped', 'delivered', 'cancelled'];
const MOVES = ['confirmed', 'shipped', 'delivered', 'cancelled']; // what an admin may ask for
const VIEWS = { orders: showOrders, stock: showStock, 'dead-letters': showDeadLetters };
let feed = null; // the AbortController of the running live feed

const statusOptions = (first) => [first, ...STATUSES].map((s) => el('option', { value: s }, s || 'any'));

document.getElementById('feed-status').append(...STATUSES.map((s) => el('option', { value: s }, s)));
document.getElementById('feed-status').addEventListener('change', startFeed);
document.getElementById('sign-out').addEventListener('click', leave);
document.querySelectorAll('nav button').forEach((b) => b.addEventListener('click', () => open(b.dataset.view)));

document.getElementById('sign-in').addEventListener('submit', async (e) => {
  e.preventDefault();
  const { email, password } = formValues(e.target);
  try {
    const me = await signIn(email, password);
    if (me.role !== 'admin') {
      await signOut();
      return say('Admins only: this account cannot use the console.', true);
    }
    e.target.reset();
    e.target.hidden = true;
    show('who', me.email);
    document.getElementById('sign-out').hidden = false;
    document.getElementById('console').hidden = false;
    say('Signed in.');
    startFeed();
    open('orders');
  } catch (error) {
    say(error.message, true);
  }
});

async function leave() {
  feed?.abort();
  await signOut();
  location.reload();
}

async function open(view, ...args) {
  say('');
  try {
    await VIEWS[view](...args);
  } catch (error) {
    say(error.message, true);
  }
}

/** Every status change from the admin stream, newest first; the feed keeps the last 50. */
async function startFeed() {
  feed?.abort();
  feed = new AbortController();
  const status = document.getElementById('feed-status').value;
  const list = document.getElementById('feed');
  list.replaceChildren();
  show('feed-state', 'connecting...');
  try {
    const path = '/api/v1/admin/orders/stream' + (status ? `?status=${status}` : '');
    show('feed-state', 'live');
    await follow(path, ({ type, data: e }) => {
      list.prepend(
        el('li', { 'data-order-id': e.order_id },
          el('button', { type: 'button', class: 'link', onclick: () => open('detail', e.order_id) }, `#${e.order_id}`),
          ` ${type === 'deleted' ? 'deleted' : e.status} · user ${e.user_id ?? ''} · ${e.total_amount ?? ''} · ${when(e.at)}`));
      list.querySelectorAll('li:nth-child(n+51)').forEach((old) => old.remove());
    }, { signal: feed.signal });
    show('feed-state', 'ended');
  } catch (error) {
    if (error.name !== 'AbortError') show('feed-state', `unavailable: ${error.message}`);
  }
}

let filters = {};

async function showOrders() {
  const query = new URLSearchParams(filters).toString();
  const answer = await call('GET', `/api/v1/orders/?${query}`);
  const form = el('form', { id: 'filters', class: 'card', onsubmit: (e) => {
    e.preventDefault();
    filters = formValues(e.target);
    for (const key of ['start_date', 'end_date']) {
      if (filters[key]) filters[key] = new Date(filters[key]).toISOString();
    }
    open('orders');
  } },
    el('label', {}, 'Status ', el('select', { name: 'status' }, statusOptions(''))),
    el('label', {}, 'User id ', el('input', { name: 'user_id', type: 'number', min: 1 })),
    el('label', {}, 'From ', el('input', { name: 'start_date', type: 'datetime-local' })),
    el('label', {}, 'To ', el('input', { name: 'end_date', type: 'datetime-local' })),
    el('label', {}, 'Min ', el('input', { name: 'min_amount', type: 'number', step: '0.01' })),
    el('label', {}, 'Max ', el('input', { name: 'max_amount', type: 'number', step: '0.01' })),
    el('label', {}, 'Skip ', el('input', { name: 'skip', type: 'number', min: 0 })),
    el('label', {}, 'Limit ', el('input', { name: 'limit', type: 'number', min: 1, max: 1000 })),
    el('button', { type: 'submit' }, 'Filter'));
  for (const [name, value] of Object.entries(filters)) {
    if (!name.endsWith('_date')) form.elements[name].value = value;
  }
  const rows = answer.body.map((o) => el('tr', { 'data-order-id': o.order_id },
    el('td', {}, el('input', { type: 'checkbox', name: 'order', value: o.order_id, 'aria-label': `select order ${o.order_id}` })),
    el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => open('detail', o.order_id) }, `#${o.order_id}`)),
    el('td', {}, when(o.order_date)), el('td', {}, o.user_id),
    el('td', { class: `status status-${o.status}` }, o.status), el('td', { class: 'number' }, o.total_amount ?? '')));
  const bulk = el('form', { id: 'bulk', class: 'card', onsubmit: bulkChange },
    'Selected orders to ', el('select', { name: 'status' }, MOVES.map((s) => el('option', { value: s }, s))),
    el('button', { type: 'submit' }, 'Change'), el('ul', { id: 'bulk-results' }));
  show('view', form,
    el('p', { id: 'orders-count' }, `${answer.body.length} shown of ${answer.headers.get('X-Total-Count')} matching`,
      query ? ` ${decodeURIComponent(query)}` : ''),
    el('table', { id: 'orders' },
      el('thead', {}, el('tr', {}, ['', 'Order', 'Placed', 'User', 'Status', 'Total'].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows)),
    bulk);
}

async function bulkChange(e) {
  e.preventDefault();
  const ids = [...document.querySelectorAll('#orders input[name=order]:checked')].map((c) => Number(c.value));
  if (!ids.length) return say('Select at least one order.', true);
  try {
    const answer = await call('POST', '/api/v1/orders/status/bulk', { order_ids: ids, status: e.target.elements.status.value });
    const failed = answer.body.filter((r) => r.status !== 200).length;
    say(`${answer.body.length - failed} changed, ${failed} not changed.`, failed > 0);
    show('bulk-results', answer.body.map((r) =>
      el('li', { class: r.status === 200 ? 'ok' : 'error' }, `#${r.order_id}: ${r.status} ${r.detail}`)));
  } catch (error) {
    say(error.message, true);
  }
}

async function showDetail(id) {
  const o = (await call('GET', `/api/v1/orders/${id}`)).body;
  const address = [o.shipping_address_line1, o.shipping_address_line2, o.shipping_city,
    o.shipping_state, o.shipping_postal_code, o.shipping_country].filter(Boolean);
  show('view', el('section', { id: 'detail', class: 'card', 'data-order-id': o.order_id },
    el('h2', {}, `Order #${o.order_id}`),
    el('p', {}, 'Status ', el('strong', { id: 'detail-status' }, o.status), ` · user ${o.user_id} · total ${o.total_amount ?? ''} · ${when(o.order_date)}`),
    o.rejection_reason && el('p', { class: 'error' }, o.rejection_reason),
    el('h3', {}, 'Ship to'), el('address', { id: 'detail-address' }, address.map((line) => el('div', {}, line))),
    el('h3', {}, 'Items'),
    el('table', {}, el('tbody', {}, o.order_items.map((i) => el('tr', {},
      el('td', {}, i.product_name ?? `product ${i.product_id}`), el('td', { class: 'number' }, `× ${i.quantity}`),
      el('td', { class: 'number' }, i.unit_price ?? ''), el('td', { class: 'number' }, i.subtotal ?? ''))))),
    el('h3', {}, 'History'),
    el('ol', { id: 'history' }, (o.status_history || []).map((h) => el('li', {}, `${h.status} · ${when(h.at)} · ${h.by}`))),
    el('form', { id: 'change-status', onsubmit: async (e) => {
      e.preventDefault();
      const status = e.target.elements.status.value;
      try {
        const answer = await call('PUT', `/api/v1/orders/${o.order_id}/status`, { status });
        await showDetail(o.order_id);
        say(answer.status === 202 ? answer.body.detail : `Order #${o.order_id} is now ${answer.body.status}.`);
      } catch (error) {
        say(error.message, true);
      }
    } }, 'Change status to ', el('select', { name: 'status' }, MOVES.map((s) => el('option', { value: s }, s))),
      el('button', { type: 'submit' }, 'Change'))));
}
VIEWS.detail = showDetail;

async function showStock() {
  const check = (await call('GET', '/api/v1/orders/health/stock-check')).body;
  show('view', el('section', { class: 'card' },
    el('h2', {}, 'Stock'),
    el('button', { type: 'button', id: 'stock-refresh', onclick: () => open('stock') }, 'Refresh'),
    el('p', {}, `${check.totals.products} products · ${check.totals.available} available · ${check.totals.reserved} reserved · worker lag ${check.pipeline.total_lag}`),
    el('table', { id: 'stock' },
      el('thead', {}, el('tr', {}, ['Product', 'On hand', 'Reserved', 'Available', 'Level'].map((h) => el('th', {}, h)))),
      el('tbody', {}, check.products.map((p) => el('tr', { 'data-product-id': p.product_id },
        el('td', {}, p.name), el('td', { class: 'number' }, p.on_hand), el('td', { class: 'number' }, p.reserved),
        el('td', { class: 'number available' }, p.available),
        el('td', { class: `level level-${p.stock_level}` }, p.stock_level)))))));
}

async function showDeadLetters(topic = '', state = '') {
  const query = new URLSearchParams(Object.entries({ topic, state }).filter(([, v]) => v)).toString();
  const letters = (await call('GET', `/api/v1/admin/dead-letters?${query}`)).body;
  const act = (method, letter, verb) => async () => {
    try {
      await call(method, `/api/v1/admin/dead-letters/${letter.id}${method === 'POST' ? '/replay' : ''}`);
      await showDeadLetters(topic, state);
      say(`Dead letter ${letter.id} ${verb}.`);
    } catch (error) {
      say(error.message, true);
    }
  };
  show('view', el('section', { class: 'card' },
    el('h2', {}, 'Dead letters'),
    el('form', { onsubmit: (e) => { e.preventDefault(); open('dead-letters', e.target.elements.topic.value, e.target.elements.state.value); } },
      el('label', {}, 'Topic ', el('input', { name: 'topic', value: topic })),
      el('label', {}, 'State ', el('input', { name: 'state', value: state })),
      el('button', { type: 'submit' }, 'Filter')),
    el('table', { id: 'dead-letters' },
      el('thead', {}, el('tr', {}, ['Id', 'From', 'Key', 'Reason', 'When', 'State', 'Payload', ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, letters.map((d) => el('tr', { 'data-dead-letter-id': d.id, 'data-key': d.key },
        el('td', {}, d.id), el('td', {}, `${d.original_topic} [${d.original_partition}] @${d.original_offset}`),
        el('td', {}, d.key ?? ''), el('td', {}, d.reason), el('td', {}, when(d.dead_lettered_at)),
        el('td', { class: 'state' }, d.resolved_by ? `${d.state} by ${d.resolved_by}` : d.state),
        el('td', {}, el('pre', {}, d.payload ?? '')),
        el('td', {},
          el('button', { type: 'button', class: 'replay', onclick: act('POST', d, 'replayed') }, 'Replay'),
          el('button', { type: 'button', class: 'discard', onclick: act('DELETE', d, 'discarded') }, 'Discard'))))))));
}
