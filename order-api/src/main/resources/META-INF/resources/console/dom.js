// DOM building for both pages. Every string becomes a text node or an attribute value, never
// markup: user data (addresses, names, dead-letter payloads) cannot inject elements or scripts.

/** el('td', {class: 'x', onclick: f}, 'text', childNode, ...) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'value') node.value = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined).map(text));
  return node;
}

function text(child) {
  return child instanceof Node ? child : document.createTextNode(String(child));
}

/** Replaces the children of the element with that id. */
export function show(id, ...children) {
  document.getElementById(id).replaceChildren(...children.flat().map(text));
}

/** The one status line of a page: a message, marked as an error or not. */
export function say(message, isError = false) {
  const line = document.getElementById('message');
  line.textContent = message;
  line.className = isError ? 'error' : 'ok';
}

export function formValues(form) {
  return Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== ''));
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}
