// The REST API as the console and the checkout page call it. The access token lives in this
// module's variable only: never in web storage, a cookie or a URL (ADR 032).
let token = null;

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** Signs in and answers the account (GET /users/me), whose role the caller checks. */
export async function signIn(email, password) {
  token = (await call('POST', '/api/v1/auth/login', { email, password })).body.access_token;
  return (await call('GET', '/api/v1/users/me')).body;
}

/** Revokes the token on the server (best effort) and forgets it here. */
export async function signOut() {
  if (token) {
    await call('POST', '/api/v1/auth/logout').catch(() => {});
  }
  token = null;
}

/** One JSON call; a 4xx or 5xx is thrown as an ApiError carrying the answer's detail as text. */
export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await json(response);
  if (!response.ok) throw new ApiError(response.status, describe(response.status, data));
  return { status: response.status, body: data, headers: response.headers };
}

/** The body as JSON, or null when there is none or it is not JSON (a proxy's error page). */
async function json(response) {
  try {
    return JSON.parse(await response.text());
  } catch {
    return null;
  }
}

/** A {"detail"} as one line of text: a message, or a stock rejection with its failing lines. */
function describe(status, data) {
  const detail = data && data.detail;
  if (typeof detail === 'string') return detail;
  if (detail && detail.message) {
    const issues = (detail.stock_issues || []).map((i) => `product ${i.product_id}: ${i.error}`);
    return [detail.message, ...issues].join('; ');
  }
  return `HTTP ${status}`;
}

/**
 * Reads a server-sent event stream with fetch, since EventSource cannot send the bearer header.
 * Calls onEvent({type, id, data}) per event and answers the last event id when the stream ends.
 */
export async function follow(path, onEvent, { lastEventId, signal } = {}) {
  const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  const response = await fetch(path, { headers, signal });
  if (!response.ok) throw new ApiError(response.status, describe(response.status, await json(response)));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let lastId = lastEventId;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return lastId;
    buffer += value;
    const blocks = buffer.split(/\r\n\r\n|\n\n|\r\r/);
    buffer = blocks.pop();
    for (const block of blocks) {
      const event = parseEvent(block);
      if (event.id) lastId = event.id;
      if (event.data !== null) onEvent(event);
    }
  }
}

function parseEvent(block) {
  const event = { type: 'message', id: null, data: [] };
  for (const line of block.split(/\r\n|\n|\r/)) {
    const colon = line.indexOf(':');
    if (colon === 0) continue; // a comment, e.g. a keep-alive
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event.type = value;
    else if (field === 'id') event.id = value;
    else if (field === 'data') event.data.push(value);
  }
  return { ...event, data: event.data.length ? JSON.parse(event.data.join('\n')) : null };
}
