// Every read and write goes through the /v1 API with the analyst's key. The key lives in sessionStorage only:
// gone when the tab closes, never in a cookie, a URL or localStorage.
const KEY = 'phonetrust.analystKey';

export const session = {
  get key() {
    return sessionStorage.getItem(KEY);
  },
  signIn(key) {
    sessionStorage.setItem(KEY, key);
  },
  signOut() {
    sessionStorage.removeItem(KEY);
  },
};

export class ApiError extends Error {
  constructor(status, body) {
    super(body && typeof body.message === 'string' ? body.message : `HTTP ${status}`);
    this.status = status;
    this.code = body && typeof body.code === 'string' ? body.code : null;
  }
}

export async function api(method, path, body, key = session.key) {
  const headers = { accept: 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
  });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** A phone number in a path: E.164 with the plus encoded. */
export const numberPath = (e164) => encodeURIComponent(e164);
export const idPath = (id) => encodeURIComponent(id);
