import { api, idPath, numberPath } from './api.js';
import { scoreChart } from './chart.js';
import { h } from './dom.js';
import { num, when } from './format.js';

const DECISIONS = [
  { decision: 'reinstate', label: 'Reinstate', hint: 'back to ok; the live evidence is spent' },
  { decision: 'restrict', label: 'Restrict', hint: 'not displayable until reinstated' },
  { decision: 'suspend', label: 'Suspend', hint: 'not displayable, no new verifications' },
  { decision: 'dismiss', label: 'Dismiss', hint: 'close the case, leave the number as it is' },
];

/** One case: the number, the appeal, the score over time and its explanation, the reports, the history, the decision. */
export async function caseView(id, { onResolved }) {
  const c = await api('GET', `/v1/cases/${idPath(id)}`);
  const history = await api('GET', `/v1/numbers/${numberPath(c.phoneNumber)}/score/history`);
  const verdicts = new Map();
  return h(
    'article',
    { class: 'case', 'data-case-id': c.id },
    header(c),
    numberSummary(c.number),
    c.appeal ? appeal(c.appeal) : null,
    h('section', { class: 'panel chart-panel' }, h('h2', {}, 'Score over time'), scoreChart(history)),
    explanation(c.score),
    reports(c, verdicts),
    c.status === 'open' ? decisionForm(c, verdicts, onResolved) : resolution(c),
    timeline(c.history),
  );
}

function header(c) {
  return h(
    'header',
    { class: 'case-header' },
    h('h1', {}, c.phoneNumber, ' ', h('span', { class: `state state-${c.number.state}` }, c.number.state)),
    h(
      'dl',
      { class: 'facts' },
      fact('Case', c.status),
      fact('Priority', String(c.priority)),
      fact('Opened because', c.reason),
      fact('Opened', when(c.openedAt)),
      fact('Assignee', c.assignee ?? 'nobody'),
    ),
  );
}

function numberSummary(n) {
  const binding = n.binding ? `${n.binding.merchantId} (${n.binding.status}, until ${when(n.binding.expiresAt)})` : 'not verified by any merchant';
  return h(
    'section',
    { class: 'panel number' },
    h('h2', {}, 'Number'),
    h(
      'dl',
      { class: 'facts' },
      fact('State', n.state),
      fact('Score', String(n.score)),
      fact('Evidence', num(n.evidence, 3)),
      fact('Live reporters', String(n.distinctReporters)),
      fact('Reports', String(n.reportCount)),
      fact('Type', `${n.numberType}${n.country ? `, ${n.country}` : ''}`),
      fact('Owner', binding),
    ),
  );
}

function appeal(a) {
  return h(
    'section',
    { class: 'panel appeal' },
    h('h2', {}, 'Appeal ', h('span', { class: 'tag' }, a.status)),
    h('p', { class: 'meta' }, `Merchant ${a.merchantId}, ${when(a.createdAt)}`),
    h('blockquote', { class: 'statement' }, a.statement),
  );
}

function explanation(s) {
  const categories = s.byCategory.length
    ? table(['Category', 'Reporters', 'Evidence'], s.byCategory.map((c) => [c.category, String(c.reporters), num(c.evidence, 3)]))
    : h('p', { class: 'empty' }, 'No live evidence.');
  const falls = s.fallsBelow.filter((f) => f.at).map((f) => h('li', {}, `below ${f.score} on ${when(f.at)}`));
  return h(
    'section',
    { class: 'panel explanation' },
    h('h2', {}, 'Why this score'),
    h(
      'p',
      {},
      `HS ${s.score} from evidence ${num(s.evidence, 3)} (normal ${num(s.evidenceParts.normal, 3)}, low-assurance ${num(s.evidenceParts.lowAssurance, 3)} capped at ${num(s.evidenceParts.lowAssuranceCap)}), ${s.distinctReporters} live reporter(s)${s.burst ? ', burst in progress' : ''}.`,
    ),
    categories,
    falls.length ? h('ul', { class: 'falls' }, falls) : null,
    s.nextStateChange ? h('p', {}, `Leaves for ${s.nextStateChange.to} on ${when(s.nextStateChange.at)} unless reported again.`) : null,
  );
}

function reports(c, verdicts) {
  const open = c.status === 'open';
  const items = c.recentReports.map((r) =>
    h(
      'li',
      { class: 'report', 'data-report-id': r.id },
      h(
        'div',
        { class: 'report-meta' },
        h('span', { class: `category category-${r.category}` }, r.category),
        ` ${when(r.createdAt)} · weight ${num(r.weight, 3)} · trust ${num(r.trust, 3)} · reporter ${r.reporterRef}`,
        r.channel ? ` · ${r.channel}` : '',
        r.evidence.attested ? ' · attested' : '',
        r.verdict ? h('span', { class: `tag verdict-${r.verdict.verdict}` }, r.verdict.verdict) : null,
      ),
      // Verbatim reporter text: a text node, whatever it contains.
      r.description === null ? h('p', { class: 'report-text empty' }, 'no description') : h('p', { class: 'report-text' }, r.description),
      open && !r.verdict ? verdictPicker(r.id, verdicts) : null,
    ),
  );
  return h(
    'section',
    { class: 'panel reports' },
    h('h2', {}, `Recent reports (${c.recentReports.length} of ${c.number.reportCount})`),
    items.length ? h('ol', { class: 'report-list' }, items) : h('p', { class: 'empty' }, 'No reports.'),
  );
}

function verdictPicker(reportId, verdicts) {
  const select = h(
    'select',
    { name: `verdict-${reportId}`, 'aria-label': 'Verdict on this report' },
    h('option', { value: '' }, 'no verdict'),
    h('option', { value: 'upheld' }, 'upheld'),
    h('option', { value: 'rejected' }, 'rejected'),
  );
  select.addEventListener('change', () => (select.value ? verdicts.set(reportId, select.value) : verdicts.delete(reportId)));
  return h('label', { class: 'verdict-picker' }, 'Verdict with the decision: ', select);
}

function decisionForm(c, verdicts, onResolved) {
  const note = h('textarea', { name: 'note', rows: 3, maxlength: 2000, required: true, placeholder: 'Why (required; kept in the audit trail)' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const buttons = DECISIONS.map(({ decision, label, hint }) =>
    h('button', { type: 'button', class: `decision decision-${decision}`, 'data-decision': decision, title: hint }, label),
  );
  const form = h('form', { class: 'panel decision-form', novalidate: true }, h('h2', {}, 'Decision'), note, h('div', { class: 'buttons' }, buttons), error);
  form.addEventListener('submit', (event) => event.preventDefault());
  for (const button of buttons) {
    button.addEventListener('click', async () => {
      const decision = button.getAttribute('data-decision');
      if (!/\S/.test(note.value)) {
        showError(error, 'A note is required.');
        note.focus();
        return;
      }
      for (const b of buttons) b.disabled = true;
      try {
        const body = { decision, note: note.value };
        if (verdicts.size) body.reportVerdicts = Object.fromEntries(verdicts);
        await api('POST', `/v1/cases/${idPath(c.id)}/resolve`, body);
        onResolved(`Case for ${c.phoneNumber} resolved: ${decision}.`);
      } catch (e) {
        showError(error, e.message);
        for (const b of buttons) b.disabled = false;
      }
    });
  }
  return form;
}

function resolution(c) {
  const r = c.resolution;
  return h(
    'section',
    { class: 'panel resolution' },
    h('h2', {}, 'Resolution'),
    r ? h('p', {}, `${r.decision} by ${r.by} on ${when(r.at)}`) : null,
    r ? h('blockquote', { class: 'statement' }, r.note) : null,
  );
}

function timeline(entries) {
  return h(
    'section',
    { class: 'panel history' },
    h('h2', {}, 'History'),
    h(
      'ol',
      { class: 'timeline' },
      entries.map((e) => h('li', {}, h('time', {}, when(e.at)), ' ', h('strong', {}, e.action), ` by ${e.actor}`, describe(e), e.reason ? h('q', {}, e.reason) : null)),
    ),
  );
}

function describe(e) {
  const from = e.before && typeof e.before === 'object' ? e.before.state : undefined;
  const to = e.after && typeof e.after === 'object' ? e.after.state : undefined;
  return from && to ? `: ${from} → ${to} ` : ' ';
}

function fact(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}

function table(headings, rows) {
  return h('table', { class: 'small' }, h('thead', {}, h('tr', {}, headings.map((t) => h('th', {}, t)))), h('tbody', {}, rows.map((r) => h('tr', {}, r.map((v) => h('td', {}, v))))));
}

function showError(el, message) {
  el.textContent = message;
  el.hidden = false;
}
