// The training chart: loss by step (left axis) and validation macro-F1 at each evaluation (right axis, 0–1), as SVG.
import { h, svg, number } from './dom.js';

const width = 640;
const height = 240;
const pad = { left: 48, right: 48, top: 12, bottom: 32 };

function scale(domainMin, domainMax, rangeMin, rangeMax) {
  const span = domainMax - domainMin || 1;
  return (value) => rangeMin + ((value - domainMin) / span) * (rangeMax - rangeMin);
}

function path(points, x, y) {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.step).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
}

/** Returns a figure with the chart and a one-sentence summary of it (the chart's accessible name). */
export function trainingChart(lossHistory, validationHistory, totalSteps) {
  const losses = (lossHistory ?? []).filter((p) => Number.isFinite(p.value));
  const validations = (validationHistory ?? []).filter((p) => Number.isFinite(p.value));
  if (losses.length === 0 && validations.length === 0) {
    return h('p', { class: 'muted' }, 'No training steps logged yet.');
  }

  const lastStep = Math.max(totalSteps ?? 0, ...losses.map((p) => p.step), ...validations.map((p) => p.step), 1);
  const lossMax = Math.max(...losses.map((p) => p.value), 0.001);
  const lossMin = Math.min(...losses.map((p) => p.value), lossMax);
  const x = scale(0, lastStep, pad.left, width - pad.right);
  const yLoss = scale(Math.max(0, lossMin - (lossMax - lossMin) * 0.1), lossMax * 1.05, height - pad.bottom, pad.top);
  const yF1 = scale(0, 1, height - pad.bottom, pad.top);

  const summary = [
    losses.length ? `Training loss ${number(losses[0].value)} at step ${losses[0].step} to ${number(losses.at(-1).value)} at step ${losses.at(-1).step}` : null,
    validations.length ? `validation macro-F1 ${validations.map((p) => number(p.value)).join(', ')} at steps ${validations.map((p) => p.step).join(', ')}` : null,
  ].filter(Boolean).join('; ') + '.';

  const grid = [];
  for (let i = 0; i <= 4; i++) {
    const f1 = i / 4;
    grid.push(svg('line', { x1: pad.left, x2: width - pad.right, y1: yF1(f1), y2: yF1(f1), class: 'grid' }));
    grid.push(svg('text', { x: width - pad.right + 6, y: yF1(f1) + 4, class: 'axis f1' }, f1.toFixed(2)));
  }
  const lossTicks = [lossMin, (lossMin + lossMax) / 2, lossMax].map((v) =>
    svg('text', { x: pad.left - 6, y: yLoss(v) + 4, class: 'axis loss', 'text-anchor': 'end' }, number(v, lossMax - lossMin < 0.05 ? 3 : 2)));
  const stepTicks = [0, Math.round(lastStep / 2), lastStep].map((s) =>
    svg('text', { x: x(s), y: height - pad.bottom + 16, class: 'axis', 'text-anchor': 'middle' }, String(s)));

  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': summary, class: 'chart' },
    svg('title', {}, summary),
    grid,
    lossTicks,
    stepTicks,
    svg('text', { x: (pad.left + width - pad.right) / 2, y: height - 4, class: 'axis', 'text-anchor': 'middle' }, 'step'),
    losses.length > 1 ? svg('path', { d: path(losses, x, yLoss), class: 'line loss' }) : null,
    losses.length === 1 ? svg('circle', { cx: x(losses[0].step), cy: yLoss(losses[0].value), r: 3, class: 'dot loss' }) : null,
    validations.length > 1 ? svg('path', { d: path(validations, x, yF1), class: 'line f1' }) : null,
    validations.map((p) => svg('circle', { cx: x(p.step), cy: yF1(p.value), r: 4, class: 'dot f1' })));

  return h('figure', { class: 'chart-figure' },
    chart,
    h('figcaption', {},
      h('span', { class: 'key loss' }, 'training loss (left)'), ' ',
      h('span', { class: 'key f1' }, 'validation macro-F1 (right)')));
}
