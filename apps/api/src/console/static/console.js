import { api, ApiError, session } from './api.js';
import { caseView } from './case-view.js';
import { clear, h } from './dom.js';
import { queueView } from './queue-view.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const flash = document.getElementById('flash');

function say(message, kind = 'info') {
  flash.textContent = message;
  flash.className = `flash flash-${kind}`;
  flash.hidden = !message;
}

function signInView(problem) {
  nav.hidden = true;
  const key = h('input', { type: 'password', name: 'key', autocomplete: 'off', required: true, spellcheck: 'false', 'aria-label': 'Analyst API key' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: !problem }, problem ?? '');
  const form = h(
    'form',
    { id: 'signin-form', class: 'panel signin' },
    h('h1', {}, 'Sign in'),
    h('p', {}, 'Paste an analyst API key. It stays in this tab (sessionStorage) and is sent only to this service.'),
    h('label', {}, 'API key ', key),
    h('button', { type: 'submit' }, 'Sign in'),
    error,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const candidate = key.value.trim();
    if (!candidate) return;
    try {
      await api('GET', '/v1/cases?limit=1', undefined, candidate);
      session.signIn(candidate);
      location.hash = '#/';
      await render();
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 401 ? 'Unknown or revoked key.' : e instanceof ApiError && e.status === 403 ? 'This key may not read cases: use an analyst key.' : e.message;
      error.hidden = false;
    }
  });
  return form;
}

let rendering = 0;

async function render() {
  const ticket = ++rendering;
  if (!session.key) {
    clear(main).append(signInView());
    return;
  }
  nav.hidden = false;
  const route = location.hash.replace(/^#/, '') || '/';
  const caseMatch = /^\/cases\/([0-9a-fA-F-]{36})$/.exec(route);
  main.setAttribute('aria-busy', 'true');
  try {
    const view = caseMatch
      ? await caseView(caseMatch[1], {
          onResolved(message) {
            say(message);
            location.hash = '#/';
          },
        })
      : await queueView(route === '/resolved' ? 'resolved' : 'open');
    if (ticket === rendering) clear(main).append(view);
  } catch (e) {
    if (ticket !== rendering) return;
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      session.signOut();
      clear(main).append(signInView(e.status === 401 ? 'Your key is no longer valid.' : 'This key may not read cases.'));
      return;
    }
    clear(main).append(h('p', { class: 'form-error' }, `Could not load: ${e.message}`));
  } finally {
    if (ticket === rendering) main.removeAttribute('aria-busy');
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  say('');
  location.hash = '#/';
  void render();
});
window.addEventListener('hashchange', () => {
  if (location.hash.startsWith('#/cases/')) say('');
  void render();
});
void render();
