import { api, idPath } from './api.js';
import { h } from './dom.js';
import { when } from './format.js';

/** The case queue: open cases by priority (then the longest waiting), or resolved ones, latest opened first. */
export async function queueView(status) {
  const sort = status === 'open' ? 'priority' : 'newest';
  const page = await api('GET', `/v1/cases?status=${status}&sort=${sort}&limit=100`);
  const title = status === 'open' ? 'Open cases' : 'Resolved cases';
  if (page.items.length === 0) {
    return h('section', { class: 'queue' }, h('h1', {}, title), h('p', { class: 'empty', id: 'queue-empty' }, status === 'open' ? 'No open cases.' : 'No resolved cases.'));
  }
  const rows = page.items.map((c) =>
    h(
      'tr',
      { 'data-case-id': c.id },
      h('td', { class: 'priority' }, h('span', { class: `badge priority-${Math.min(c.priority, 4)}` }, String(c.priority))),
      h('td', {}, h('a', { href: `#/cases/${idPath(c.id)}`, class: 'case-link' }, c.phoneNumber)),
      h('td', {}, h('span', { class: `state state-${c.state}` }, c.state)),
      h('td', {}, c.reason, c.appealed ? h('span', { class: 'tag' }, 'appealed') : null),
      h('td', {}, c.assignee ?? '—'),
      h('td', {}, when(c.openedAt)),
      status === 'open' ? null : h('td', {}, c.decision ?? '—'),
    ),
  );
  return h(
    'section',
    { class: 'queue' },
    h('h1', {}, title, ' ', h('span', { class: 'count' }, `(${page.items.length}${page.nextCursor ? '+' : ''})`)),
    h(
      'table',
      { class: 'queue-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Priority'), h('th', {}, 'Number'), h('th', {}, 'State'), h('th', {}, 'Reason'), h('th', {}, 'Assignee'), h('th', {}, 'Opened'), status === 'open' ? null : h('th', {}, 'Decision'))),
      h('tbody', {}, rows),
    ),
  );
}
