// One model: its versions, which is current and why; a version's evaluation (per-class table, confusion matrix);
// two versions side by side; promote or roll back through the gate; try it.
import { api, routes, browserLink } from '../api.js';
import { problemMessage } from '../problem.js';
import { h, show, number, when, facts, bar } from '../dom.js';

export async function modelPage({ main, name, params, signal, toast, navigate }) {
  let model;
  try {
    model = await api(routes.model(name), { signal });
  } catch (error) {
    if (signal.aborted) return;
    show(main, h('p', { class: 'crumbs' }, h('a', { href: '#/models' }, 'Models'), ' / '), h('h1', {}, name),
      h('p', { class: error.status === 404 ? 'muted' : 'error-message' }, error.status === 404 ? `${name} has no published version yet.` : error.message),
      h('p', {}, h('a', { href: `#/jobs?model=${encodeURIComponent(name)}` }, `Jobs of ${name}`)));
    return;
  }

  const versions = model.versions.map((v) => v.version);
  const selected = params.get('version') && versions.includes(params.get('version')) ? params.get('version') : (model.current ?? versions[0]);

  show(main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/models' }, 'Models'), ' / '),
    h('div', { class: 'title-row' }, h('h1', {}, name), h('a', { href: `#/jobs?model=${encodeURIComponent(name)}` }, 'Jobs of this model')),
    h('section', { 'aria-labelledby': 'current-heading' },
      h('h2', { id: 'current-heading' }, 'Current version'),
      model.current
        ? facts([
          ['Version', model.current],
          ['Why', model.overridden ? `Override: ${model.reason ?? ''}` : (model.reason ?? '—')],
          ['Published', when(model.publishedAt)],
          ['Trained by job', model.jobId ? h('a', { href: `#/jobs/${encodeURIComponent(model.jobId)}` }, model.jobId) : '—'],
        ])
        : h('p', { class: 'muted' }, 'No version is current: none passed the promotion gate. Promote one below with an override.')),
    tryIt(name, versions, signal),
    versionsTable(name, model, selected),
    await versionDetails(name, selected, signal),
    compare(name, versions, model.current, selected, signal),
    promote(name, model, selected, toast, navigate));
}

function versionsTable(name, model, selected) {
  return h('section', { 'aria-labelledby': 'versions-heading' },
    h('h2', { id: 'versions-heading' }, 'Versions'),
    h('div', { class: 'scroll' }, h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, `Published versions of ${name}`),
      h('thead', {}, h('tr', {}, ['Version', 'Current', 'Test macro-F1', 'Test accuracy', 'Validation macro-F1', 'Test rows'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, model.versions.map((v) => h('tr', { class: v.version === selected ? 'selected' : null, dataset: { version: v.version } },
        h('td', {}, h('a', { href: `#/models/${encodeURIComponent(name)}?version=${encodeURIComponent(v.version)}`, 'aria-current': v.version === selected ? 'true' : null }, v.version)),
        h('td', {}, v.current ? h('span', { class: 'pill phase-completed' }, 'current') : ''),
        h('td', {}, number(v.metrics?.macroF1)),
        h('td', {}, number(v.metrics?.accuracy ?? v.metrics?.subsetAccuracy)),
        h('td', {}, number(v.metrics?.validationMacroF1)),
        h('td', {}, v.metrics?.count ?? '—')))))));
}

async function versionDetails(name, version, signal) {
  const section = h('section', { 'aria-labelledby': 'details-heading' }, h('h2', { id: 'details-heading' }, `Evaluation of ${version}`));
  if (!version) return section;
  try {
    const view = await api(routes.version(name, version), { signal });
    const report = view.evaluation?.report;
    section.append(
      facts([
        ['Split', view.evaluation?.split ?? '—'],
        ['Rows evaluated', view.evaluation?.evaluated ?? '—'],
        ['Macro-F1', number(view.metrics?.macroF1)],
        ['Micro-F1', number(view.metrics?.microF1)],
        ['Accuracy', number(view.metrics?.accuracy ?? view.metrics?.subsetAccuracy)],
        view.metrics?.hammingLoss != null ? ['Hamming loss', number(view.metrics.hammingLoss)] : null,
      ]),
      h('p', {}, h('a', { href: browserLink(routes.card(name, version)), target: '_blank', rel: 'noopener' }, 'Open the model card'), ' (opens in a new tab)'));
    if (report?.perClass) section.append(perClassTable(report.perClass));
    if (report?.confusionMatrix && report?.labels) section.append(confusionMatrix(report.labels, report.confusionMatrix));
  } catch (error) {
    if (!signal.aborted) section.append(h('p', { class: 'error-message' }, `Could not read the evaluation: ${error.message}`));
  }
  return section;
}

function perClassTable(perClass) {
  return h('table', { class: 'data' },
    h('caption', {}, 'Per class (held-out test split)'),
    h('thead', {}, h('tr', {}, ['Label', 'Precision', 'Recall', 'F1', 'Support'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, perClass.map((c) => h('tr', {},
      h('th', { scope: 'row' }, c.label), h('td', {}, number(c.precision)), h('td', {}, number(c.recall)), h('td', {}, bar(c.f1)), h('td', {}, String(c.support))))));
}

function confusionMatrix(labels, matrix) {
  const max = Math.max(1, ...matrix.flat());
  return h('table', { class: 'data matrix' },
    h('caption', {}, 'Confusion matrix: rows are true labels, columns predicted'),
    h('thead', {}, h('tr', {}, h('td', {}), labels.map((l) => h('th', { scope: 'col' }, l)))),
    h('tbody', {}, matrix.map((row, i) => h('tr', {},
      h('th', { scope: 'row' }, labels[i]),
      row.map((count, j) => {
        const level = Math.min(4, Math.ceil((count / max) * 4));
        return h('td', { class: `cell level-${level}${i === j ? ' diagonal' : ''}` }, String(count));
      })))));
}

function compare(name, versions, current, selected, signal) {
  const a = versionSelect('compare-a', versions, current ?? versions[0]);
  const b = versionSelect('compare-b', versions, selected !== current ? selected : (versions[1] ?? versions[0]));
  const output = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'inline' },
    h('label', { for: 'compare-a' }, 'Version A'), a,
    h('label', { for: 'compare-b' }, 'Version B'), b,
    h('button', { type: 'submit' }, 'Compare'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    output.replaceChildren(h('p', { class: 'muted' }, 'Comparing…'));
    try {
      const [left, right] = await Promise.all([api(routes.version(name, a.value), { signal }), api(routes.version(name, b.value), { signal })]);
      output.replaceChildren(comparison(left, right));
    } catch (error) {
      output.replaceChildren(h('p', { class: 'error-message' }, error.message));
    }
  });
  return h('section', { 'aria-labelledby': 'compare-heading' },
    h('h2', { id: 'compare-heading' }, 'Compare two versions'),
    versions.length < 2 ? h('p', { class: 'muted' }, 'Only one version so far.') : [form, output]);
}

function comparison(left, right) {
  const metric = (label, pick) => {
    const l = pick(left);
    const r = pick(right);
    const delta = typeof l === 'number' && typeof r === 'number' ? r - l : null;
    return h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, number(l)), h('td', {}, number(r)),
      h('td', { class: delta > 0 ? 'better' : delta < 0 ? 'worse' : null }, delta === null ? '—' : `${delta >= 0 ? '+' : ''}${delta.toFixed(3)}`));
  };
  const classes = [...new Set([...(left.evaluation?.report?.perClass ?? []), ...(right.evaluation?.report?.perClass ?? [])].map((c) => c.label))];
  const f1 = (view, label) => view.evaluation?.report?.perClass?.find((c) => c.label === label)?.f1;
  return h('table', { class: 'data' },
    h('caption', {}, `${left.version} (A) against ${right.version} (B)`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Metric'), h('th', { scope: 'col' }, `A: ${left.version}`), h('th', { scope: 'col' }, `B: ${right.version}`), h('th', { scope: 'col' }, 'B − A'))),
    h('tbody', {},
      metric('Test macro-F1', (v) => v.metrics?.macroF1),
      metric('Test micro-F1', (v) => v.metrics?.microF1),
      metric('Test accuracy', (v) => v.metrics?.accuracy ?? v.metrics?.subsetAccuracy),
      metric('Validation macro-F1', (v) => v.metrics?.validationMacroF1),
      classes.map((label) => metric(`F1 of ${label}`, (v) => f1(v, label)))));
}

function promote(name, model, selected, toast, navigate) {
  const versions = model.versions.map((v) => v.version);
  const select = versionSelect('promote-version', versions, selected);
  const override = h('input', { type: 'checkbox', id: 'promote-override', name: 'override' });
  const reason = h('textarea', { id: 'promote-reason', name: 'reason', rows: '2', maxlength: '500', 'aria-describedby': 'promote-reason-help' });
  const result = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'stack' },
    h('div', { class: 'field' }, h('label', { for: 'promote-version' }, 'Version to make current'), select),
    h('div', { class: 'field check' }, override, h('label', { for: 'promote-override' }, 'Override the promotion gate')),
    h('div', { class: 'field' }, h('label', { for: 'promote-reason' }, 'Reason'), reason,
      h('p', { id: 'promote-reason-help', class: 'help' }, 'Recorded with the change; required with an override.')),
    h('div', {}, h('button', { type: 'submit' }, 'Make current')),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    result.replaceChildren(h('p', { class: 'muted' }, 'Asking the gate…'));
    try {
      const body = { version: select.value, override: override.checked };
      if (reason.value.trim()) body.reason = reason.value.trim();
      const answer = await api(routes.current(name), { method: 'POST', body });
      toast(`${answer.version} is now the current version of ${name}.`);
      navigate(`#/models/${encodeURIComponent(name)}?version=${encodeURIComponent(select.value)}`, true);
    } catch (error) {
      result.replaceChildren(problemMessage(error));
      button.disabled = false;
    }
  });
  return h('section', { 'aria-labelledby': 'promote-heading' },
    h('h2', { id: 'promote-heading' }, 'Promote or roll back'),
    h('p', { class: 'help' }, 'A newer version must pass the gate (its test macro-F1 against the current one); an older one is a rollback. Either can be forced with an override and a reason.'),
    form);
}

function tryIt(name, versions, signal) {
  const text = h('textarea', { id: 'try-text', name: 'text', rows: '3', maxlength: '10000', required: true, placeholder: 'Type a text to classify' });
  const version = versionSelect('try-version', ['', ...versions], '', (v) => (v ? v : 'current version'));
  const output = h('div', { class: 'predictions', 'aria-live': 'polite' });
  const form = h('form', { class: 'stack' },
    h('div', { class: 'field' }, h('label', { for: 'try-text' }, 'Text'), text),
    h('div', { class: 'field' }, h('label', { for: 'try-version' }, 'Version'), version),
    h('div', {}, h('button', { type: 'submit' }, 'Predict')),
    output);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!text.value.trim()) {
      output.replaceChildren(h('p', { class: 'error-message' }, 'Type a text first.'));
      text.focus();
      return;
    }
    output.replaceChildren(h('p', { class: 'muted' }, 'Predicting…'));
    try {
      const path = version.value ? `${routes.predict(name)}?version=${encodeURIComponent(version.value)}` : routes.predict(name);
      const answer = await api(path, { method: 'POST', body: { texts: [text.value] }, signal });
      const prediction = answer.predictions[0];
      const scores = Object.entries(prediction.scores ?? {}).sort((x, y) => y[1] - x[1]);
      output.replaceChildren(
        h('p', { class: 'prediction' }, 'Label: ', h('strong', { class: 'predicted-label' }, (prediction.labels?.length ? prediction.labels : [prediction.label]).join(', ') || '(none)'),
          h('span', { class: 'muted' }, ` — version ${answer.version}`)),
        h('table', { class: 'data scores' },
          h('caption', {}, 'Score of every label'),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Label'), h('th', { scope: 'col' }, 'Score'))),
          h('tbody', {}, scores.map(([label, score]) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, bar(score)))))));
    } catch (error) {
      output.replaceChildren(problemMessage(error));
    }
  });
  return h('section', { 'aria-labelledby': 'try-heading' }, h('h2', { id: 'try-heading' }, 'Try it'), form);
}

function versionSelect(id, versions, selected, label = (v) => v) {
  return h('select', { id, name: id }, versions.map((v) => h('option', { value: v, selected: v === selected }, label(v))));
}
