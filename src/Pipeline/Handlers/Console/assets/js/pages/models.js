// Models: each model's current version, its headline metrics and why it is current.
import { api, routes } from '../api.js';
import { h, show, number, when } from '../dom.js';

export async function modelsPage({ main, signal }) {
  const status = h('p', { class: 'muted', 'aria-live': 'polite' }, 'Loading models…');
  const body = h('tbody');
  show(main,
    h('h1', {}, 'Models'),
    status,
    h('div', { class: 'scroll' }, h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, 'Models and their current versions'),
      h('thead', {}, h('tr', {}, ['Model', 'Current version', 'Test macro-F1', 'Test accuracy', 'Published', 'Why current'].map((c) => h('th', { scope: 'col' }, c)))),
      body)));
  try {
    const data = await api(routes.models(), { signal });
    body.replaceChildren(...data.models.map((m) => h('tr', {},
      h('td', {}, h('a', { href: `#/models/${encodeURIComponent(m.name)}` }, m.name)),
      h('td', {}, m.version),
      h('td', {}, number(m.metrics?.macroF1)),
      h('td', {}, number(m.metrics?.accuracy ?? m.metrics?.subsetAccuracy)),
      h('td', {}, when(m.publishedAt)),
      h('td', {}, m.overridden ? `override: ${m.reason ?? ''}` : (m.reason ?? '—')))));
    status.textContent = data.models.length ? `${data.models.length} model${data.models.length === 1 ? '' : 's'} with a current version.` : 'No model has a current version yet. Upload a CSV to train one.';
  } catch (error) {
    if (!signal.aborted) status.textContent = `Could not list models: ${error.message}`;
  }
}
