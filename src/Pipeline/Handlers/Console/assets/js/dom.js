// Small DOM helpers: every text goes in through textContent, never as HTML.

/** Creates an element: h('a', {href: '#/jobs', class: 'x'}, 'text', child, ...). */
export function h(tag, attrs, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children (strings, numbers, nodes, arrays of them; null and false are skipped). */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces an element's children with these (null and false skipped, as in h; replaceChildren would write "null"). */
export function fill(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** An SVG element with attributes. */
export function svg(tag, attrs, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value !== undefined && value !== null) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

export function number(value, digits = 3) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

export function percent(value) {
  return typeof value === 'number' && Number.isFinite(value) ? `${Math.round(value)}%` : '—';
}

export function duration(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m` : `${m}:${String(s % 60).padStart(2, '0')}`;
}

export function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

export function bytes(count) {
  if (typeof count !== 'number') return '—';
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A progress bar for a percentage, with the number next to it. */
export function progressBar(value, label) {
  return h('span', { class: 'progress-cell' }, h('progress', { max: '100', value: String(value ?? 0), 'aria-label': label }), ' ', percent(value));
}

/** A status pill for a job phase. */
export function phasePill(phase) {
  const name = phase ?? 'unknown';
  return h('span', { class: `pill phase-${name.replace(/[^a-z-]/g, '')}` }, name);
}

/** A horizontal bar for a value in [0, 1], with the number next to it; the bar is decoration, the number is the text. */
export function bar(value, label) {
  const fill = h('span', { class: 'fill' });
  fill.style.width = `${Math.max(0, Math.min(1, value ?? 0)) * 100}%`;
  return h('span', { class: 'bar' }, h('span', { class: 'track', 'aria-hidden': 'true' }, fill), h('span', { class: 'value' }, label ?? number(value)));
}

/** A definition list from [term, value] pairs. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

/** Replaces the main region's content and moves focus to the first heading, so screen readers announce the page. */
export function show(main, ...children) {
  main.replaceChildren();
  append(main, children);
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    if (main.dataset.focusHeading === 'yes') {
      main.dataset.focusHeading = '';
      heading.focus();
    }
  }
}
