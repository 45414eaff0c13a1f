// How the pages show an API problem (RFC 9457): its title and detail, and each rejected field the API names.
import { ApiError } from './api.js';
import { h } from './dom.js';

/** A list of field → messages (a validation problem's errors), or null when there are none. */
export function fieldErrors(errors) {
  const entries = Object.entries(errors ?? {});
  return entries.length ? h('ul', {}, entries.map(([field, messages]) => h('li', {}, h('code', {}, field), ': ', messages.join(' ')))) : null;
}

/** A failed call as an alert: the problem's title and detail, and each rejected field. */
export function problemMessage(error) {
  return h('div', { class: 'callout error', role: 'alert' },
    h('p', { class: 'error-message' }, error.problem?.title && error.problem?.detail ? `${error.problem.title} ${error.problem.detail}` : error.message),
    fieldErrors(error instanceof ApiError ? error.errors : null));
}
