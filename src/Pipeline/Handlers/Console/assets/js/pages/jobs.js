// Jobs: every job, newest first, refreshed while the page is open; filter by model.
import { api, routes } from '../api.js';
import { h, show, phasePill, progressBar, duration, number, when } from '../dom.js';
import { poll } from '../poll.js';

export async function jobsPage({ main, params, signal, navigate }) {
  const model = params.get('model') ?? '';
  const input = h('input', { id: 'filter-model', name: 'model', value: model, autocomplete: 'off', spellcheck: 'false', placeholder: 'all models' });
  const form = h('form', { class: 'inline', role: 'search', 'aria-label': 'Filter jobs' },
    h('label', { for: 'filter-model' }, 'Model'), input,
    h('button', { type: 'submit' }, 'Filter'),
    model ? h('a', { href: '#/jobs' }, 'Show all') : null);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = input.value.trim();
    navigate(value ? `#/jobs?model=${encodeURIComponent(value)}` : '#/jobs');
  });

  const status = h('p', { class: 'muted', 'aria-live': 'polite' }, 'Loading jobs…');
  const body = h('tbody');
  const table = h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, model ? `Jobs of model ${model}, newest first` : 'Jobs, newest first'),
    h('thead', {}, h('tr', {}, ['Job', 'Model', 'Phase', 'Progress', 'ETA', 'Loss', 'Started'].map((c) => h('th', { scope: 'col' }, c)))),
    body);

  show(main,
    h('div', { class: 'title-row' }, h('h1', {}, model ? `Jobs of ${model}` : 'Jobs'), h('a', { class: 'button', href: '#/upload' }, 'New job')),
    form, status, h('div', { class: 'scroll' }, table));

  let lastError = null;
  await poll(async () => {
    try {
      const data = await api(routes.jobs(model || null), { signal });
      lastError = null;
      body.replaceChildren(...data.jobs.map(row));
      status.textContent = data.jobs.length === 0
        ? (model ? `No jobs for model ${model} yet.` : 'No jobs yet. Upload a CSV to start one.')
        : `${data.jobs.length} job${data.jobs.length === 1 ? '' : 's'}${data.truncated ? ' (the newest; more exist)' : ''}; ${data.jobs.some((j) => !j.terminal) ? 'refreshing every 2 s' : 'all finished'}.`;
    } catch (error) {
      if (signal.aborted) return false;
      if (error.message !== lastError) status.textContent = `Could not list jobs: ${error.message}`;
      lastError = error.message;
    }
    return true;
  }, 2000, signal);
}

function row(job) {
  const progress = typeof job.percent === 'number'
    ? progressBar(job.percent, `${job.id} progress`)
    : '—';
  return h('tr', { dataset: { job: job.id } },
    h('td', {}, h('a', { href: `#/jobs/${encodeURIComponent(job.id)}` }, job.id)),
    h('td', {}, h('a', { href: `#/models/${encodeURIComponent(job.model)}` }, job.model)),
    h('td', {}, phasePill(job.phase)),
    h('td', {}, progress),
    h('td', {}, job.terminal ? '—' : duration(job.etaSeconds)),
    h('td', {}, number(job.loss)),
    h('td', {}, when(job.createdAt)));
}
