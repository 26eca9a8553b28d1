// The demo checkout: the demo customer signs in, orders, and follows the order live (ADR 032).
import { call, follow, signIn } from '../console/api.js';
import { el, formValues, say, show, when } from '../console/dom.js';

const FINAL = ['rejected', 'cancelled', 'delivered'];
const orderForm = document.getElementById('order');

document.getElementById('sign-in').addEventListener('submit', async (e) => {
  e.preventDefault();
  const { email, password } = formValues(e.target);
  try {
    const me = await signIn(email, password);
    e.target.hidden = true;
    show('who', me.email);
    const products = (await call('GET', '/api/v1/products/')).body;
    show('products', products.map((p) => el('tr', {},
      el('td', {}, p.name), el('td', { class: 'number' }, p.price), el('td', {}, `${p.available} in stock`),
      el('td', {}, el('input', { type: 'number', min: 0, max: 10000, value: 0, name: `product-${p.product_id}`,
        'data-product-id': p.product_id, 'aria-label': `quantity of ${p.name}` })))));
    orderForm.hidden = false;
    say('Signed in. Pick quantities and place the order.');
  } catch (error) {
    say(error.message, true);
  }
});

orderForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const items = [...orderForm.querySelectorAll('input[data-product-id]')]
    .filter((q) => Number(q.value) > 0)
    .map((q) => ({ product_id: Number(q.dataset.productId), quantity: Number(q.value) }));
  if (!items.length) return say('Choose a quantity of at least one product.', true);
  const address = Object.fromEntries(Object.entries(formValues(orderForm)).filter(([k]) => k.startsWith('shipping_')));
  try {
    const order = (await call('POST', '/api/v1/orders/', { ...address, order_items: items })).body;
    orderForm.hidden = true;
    document.getElementById('tracking').hidden = false;
    show('tracking-title', `Order #${order.order_id}`);
    show('timeline');
    record(order.status, order.order_date);
    say(`Order #${order.order_id} placed.`);
    track(order.order_id);
  } catch (error) {
    say(error.message, true);
  }
});

function record(status, at) {
  show('order-status', status);
  document.getElementById('timeline').append(el('li', {}, `${status} · ${when(at)}`));
}

/** Follows the order's event stream, resuming after the last event seen, until it is final. */
async function track(orderId) {
  let lastEventId = null;
  let final = false;
  for (let attempt = 0; !final && attempt < 5; attempt++) {
    try {
      show('stream-state', 'following live');
      lastEventId = await follow(`/api/v1/orders/${orderId}/events`, ({ type, data }) => {
        if (type === 'deleted') record('deleted', data.at);
        else if (data.status !== document.getElementById('order-status').textContent) record(data.status, data.at);
        final = final || type === 'deleted' || FINAL.includes(data.status);
      }, { lastEventId });
    } catch (error) {
      if (error.status && error.status < 500 && error.status !== 429) {
        return show('stream-state', `live updates unavailable: ${error.message}`);
      }
      show('stream-state', 'reconnecting...');
      await new Promise((resume) => setTimeout(resume, 1000 * (attempt + 1)));
    }
  }
  show('stream-state', final ? 'final status reached' : 'live updates stopped');
}
