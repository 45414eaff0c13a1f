// One job: progress and chart while it runs, the validation report, the result or the error; cancel.
import { api, routes, ApiError } from '../api.js';
import { h, show, fill, phasePill, percent, duration, number, when, facts, bar, progressBar } from '../dom.js';
import { fieldErrors } from '../problem.js';
import { poll } from '../poll.js';
import { trainingChart } from '../chart.js';

export async function jobPage({ main, id, signal, toast }) {
  const summary = h('section', { 'aria-labelledby': 'job-summary' });
  const outcome = h('section', { 'aria-labelledby': 'job-outcome', hidden: true });
  const chart = h('section', { 'aria-labelledby': 'job-chart' });
  const trials = h('section', { 'aria-labelledby': 'job-trials', hidden: true });
  const report = h('section', { 'aria-labelledby': 'job-report' });
  const cancel = h('button', { type: 'button', class: 'danger', hidden: true }, 'Cancel job');
  const live = h('p', { class: 'muted', 'aria-live': 'polite' }, 'Loading…');

  cancel.addEventListener('click', async () => {
    if (!window.confirm(`Cancel job ${id}? Training stops and nothing is published.`)) return;
    cancel.disabled = true;
    try {
      await api(routes.cancel(id), { method: 'POST', body: {} });
      toast(`Cancelling ${id}…`);
    } catch (error) {
      toast(`Could not cancel: ${error.message}`);
      cancel.disabled = false;
    }
  });

  show(main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/jobs' }, 'Jobs'), ' / '),
    h('div', { class: 'title-row' }, h('h1', {}, `Job ${id}`), cancel),
    live, outcome, summary, trials, chart, report);

  let waited = 0;
  await poll(async () => {
    let job;
    try {
      job = await api(routes.job(id), { signal });
    } catch (error) {
      if (signal.aborted) return false;
      if (error instanceof ApiError && error.status === 404 && waited < 60) {
        // An upload starts its job from the blob event, a moment after the file lands.
        waited++;
        live.textContent = 'Waiting for the upload to start the job…';
        return true;
      }
      live.textContent = `Could not read the job: ${error.message}`;
      return error.status !== 404;
    }

    render(job);
    return !job.terminal;
  }, 1500, signal);

  function render(job) {
    const progress = job.progress;
    live.textContent = job.terminal ? `Job ${job.phase}.` : `${job.phase ?? 'starting'}${progress ? ` — ${percent(progress.percent)}` : ''}; refreshing.`;
    cancel.hidden = job.terminal;
    fill(summary, 
      h('h2', { id: 'job-summary' }, 'Progress'),
      facts([
        ['Phase', phasePill(job.phase)],
        ['Model', h('a', { href: `#/models/${encodeURIComponent(modelOf(job.id))}` }, modelOf(job.id))],
        ['Started', when(job.createdAt)],
        ['Last change', when(job.lastUpdatedAt)],
        progress ? ['Done', progressBar(progress.percent, 'Job progress')] : null,
        progress ? ['Epoch', `${progress.epoch}/${progress.epochs}`] : null,
        progress ? ['Step', `${progress.step}/${progress.totalSteps}`] : null,
        progress?.loss != null ? ['Loss', number(progress.loss)] : null,
        progress?.sequencesPerSecond != null ? ['Speed', `${number(progress.sequencesPerSecond, 1)} seq/s`] : null,
        !job.terminal && progress?.etaSeconds != null ? ['ETA', duration(progress.etaSeconds)] : null,
        progress?.bestValidationMacroF1 != null ? ['Best validation macro-F1', number(progress.bestValidationMacroF1)] : null,
        progress?.resumedFromStep != null ? ['Resumed from step', String(progress.resumedFromStep)] : null,
      ]));

    fill(chart, 
      h('h2', { id: 'job-chart' }, 'Training'),
      trainingChart(progress?.lossHistory, progress?.validationHistory, progress?.totalSteps));

    trials.hidden = !job.sweep;
    if (job.sweep) fill(trials, h('h2', { id: 'job-trials' }, 'Sweep trials'), sweepTable(job.sweep));
    fill(report, h('h2', { id: 'job-report' }, 'Validation report'), validationReport(job.validationReport));
    renderOutcome(job);
  }

  function renderOutcome(job) {
    const output = job.output;
    const failed = job.phase === 'failed' || output?.outcome === 'failed' || job.failure;
    if (!job.terminal && !failed) {
      outcome.hidden = true;
      return;
    }
    outcome.hidden = false;
    if (failed) {
      const message = output?.error ?? job.problem?.detail ?? job.failure?.message ?? 'The job failed.';
      const line = output?.validation?.error?.line ?? job.validationReport?.error?.line;
      outcome.className = 'callout error';
      outcome.setAttribute('role', 'alert');
      fill(outcome, 
        h('h2', { id: 'job-outcome' }, line ? `Failed: the CSV has a problem on line ${line}` : 'Failed'),
        h('p', { class: 'error-message' }, message),
        fieldErrors(job.problem?.errors),
        output?.errorCode ? h('p', { class: 'muted' }, `Error code: ${output.errorCode}`) : null,
        h('p', {}, 'The upload is kept as it is; fix the file and upload it again.'));
      return;
    }
    outcome.className = 'callout ' + (job.phase === 'completed' ? 'ok' : 'neutral');
    outcome.removeAttribute('role');
    const model = modelOf(job.id);
    fill(outcome, 
      h('h2', { id: 'job-outcome' }, job.phase === 'completed' ? 'Completed' : `Job ${job.phase}`),
      output?.version ? facts([
        ['Version', h('a', { href: `#/models/${encodeURIComponent(model)}?version=${encodeURIComponent(output.version)}` }, output.version)],
        ['Test macro-F1', number(output.metrics?.macroF1)],
        ['Test accuracy', number(output.metrics?.accuracy ?? output.metrics?.subsetAccuracy)],
        ['Current', output.promoted ? 'yes — promoted' : 'no'],
        ['Why', output.promotionReason ?? '—'],
      ]) : null,
      output?.version ? h('p', {}, h('a', { class: 'button', href: `#/models/${encodeURIComponent(model)}` }, `Try ${model}`)) : null);
  }
}

function modelOf(jobId) {
  return jobId.replace(/-[0-9a-f]{12}$/, '');
}

/** A sweep's trials: the options each set, how it ended, its best validation macro-F1, steps and time; the winner marked. */
function sweepTable(sweep) {
  return [
    sweep.stoppedBecause ? h('p', { class: 'muted' }, `Stopped: ${sweep.stoppedBecause}`) : null,
    h('table', { class: 'data' },
      h('caption', {}, `${sweep.trials.length} trials, at most ${sweep.maxParallelTrials} at once; the best validation macro-F1 wins.`),
      h('thead', {}, h('tr', {}, ['Trial', 'Options', 'Outcome', 'Best validation macro-F1', 'Steps', 'Time'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, sweep.trials.map((t) => h('tr', {},
        h('td', {}, String(t.number)),
        h('td', {}, Object.entries(t.options ?? {}).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ')),
        h('td', {}, t.winner ? 'published' : t.outcome, t.error ? h('span', { class: 'muted' }, ` — ${t.error}`) : null),
        h('td', {}, t.bestValidationMacroF1 != null ? number(t.bestValidationMacroF1) : '—'),
        h('td', {}, t.steps != null ? String(t.steps) : '—'),
        h('td', {}, t.seconds != null ? duration(t.seconds) : '—'))))),
  ];
}

/** The validation report: rows read, kept and dropped (reasons and first lines), labels, warnings. */
export function validationReport(report) {
  if (!report) return h('p', { class: 'muted' }, 'Not validated yet.');
  const drops = Object.entries(report.dropReasons ?? {});
  const labels = Object.entries(report.labelDistribution ?? {});
  const total = labels.reduce((sum, [, count]) => sum + count, 0) || 1;
  return h('div', {},
    facts([
      ['Rows read', String(report.rowsRead)],
      ['Rows kept', String(report.rowsKept)],
      ['Rows dropped', String(report.rowsDropped)],
      ['Columns', (report.columnsFound ?? []).join(', ') || '—'],
      ['Task', report.isMultiLabel ? 'multi-label' : 'single-label'],
      report.duplicateTexts ? ['Duplicate texts', `${report.duplicateTexts} (${report.conflictingDuplicates} with conflicting labels)`] : null,
      report.textsLongerThanMaxTokens?.count ? ['Texts to be truncated', `${report.textsLongerThanMaxTokens.count} longer than ${report.textsLongerThanMaxTokens.maxTokens} tokens`] : null,
    ]),
    report.error ? h('p', { class: 'error-message' }, report.error.line ? `Line ${report.error.line}: ` : '', report.error.message) : null,
    drops.length ? h('table', { class: 'data' },
      h('caption', {}, 'Dropped rows'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Reason'), h('th', { scope: 'col' }, 'Rows'), h('th', { scope: 'col' }, 'First lines'))),
      h('tbody', {}, drops.map(([reason, summary]) => h('tr', {}, h('td', {}, reason), h('td', {}, String(summary.count)), h('td', {}, (summary.lines ?? []).join(', ')))))) : null,
    labels.length ? h('table', { class: 'data' },
      h('caption', {}, 'Label distribution'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Label'), h('th', { scope: 'col' }, 'Rows'), h('th', { scope: 'col' }, 'Share'))),
      h('tbody', {}, labels.map(([label, count]) => h('tr', {}, h('td', {}, label), h('td', {}, String(count)), h('td', {}, bar(count / total, `${((count / total) * 100).toFixed(1)}%`)))))) : null,
    (report.warnings ?? []).length ? [h('h3', {}, 'Warnings'), h('ul', { class: 'warnings' }, report.warnings.map((w) => h('li', {}, w)))] : null);
}
