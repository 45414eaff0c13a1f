// The JSON API the console calls: the same routes as every client, with the function key where the host gives one.

let session = { apiKey: null, uploadMode: 'stream', maxUploadBytes: 0, user: null, signOut: null };

/** An error answer of the API: its status and problem document (RFC 9457), when it sent one. */
export class ApiError extends Error {
  constructor(status, problem, fallback) {
    super(problem?.detail ?? problem?.title ?? fallback ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** Field name → messages, for validation problems. */
  get errors() {
    return this.problem?.errors ?? {};
  }
}

export async function loadSession() {
  const response = await fetch('/api/console/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401) {
    window.location.assign('/api/console/');
    return session;
  }
  if (!response.ok) throw new ApiError(response.status, await readJson(response));
  session = await response.json();
  return session;
}

export function currentSession() {
  return session;
}

function keyHeaders() {
  return session.apiKey ? { 'x-functions-key': session.apiKey } : {};
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 500) };
  }
}

/** Calls a JSON route; resolves with the parsed body, rejects with an ApiError. */
export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = { Accept: 'application/json', ...keyHeaders() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, credentials: 'same-origin' });
  const data = await readJson(response);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** A link that opens a route in the browser (a page, not JSON): the key travels as the `code` query parameter. */
export function browserLink(path) {
  return session.apiKey ? `${path}${path.includes('?') ? '&' : '?'}code=${encodeURIComponent(session.apiKey)}` : path;
}

/**
 * Sends a file to the PUT target POST /api/uploads answered with: the API's streaming route, or a SAS URL straight to
 * Blob Storage. onProgress(sent, total) follows the upload. Resolves with the JSON answer (streaming) or null (Blob Storage).
 */
export function putFile(upload, file, onProgress, signal) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const toApi = upload.url.startsWith('/');
    request.open(upload.method ?? 'PUT', upload.url);
    for (const [name, value] of Object.entries(upload.headers ?? {})) request.setRequestHeader(name, value);
    if (toApi) {
      request.setRequestHeader('Accept', 'application/json');
      for (const [name, value] of Object.entries(keyHeaders())) request.setRequestHeader(name, value);
    }
    request.upload.addEventListener('progress', (event) => onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size));
    request.addEventListener('load', () => {
      let data = null;
      try { data = request.responseText ? JSON.parse(request.responseText) : null; } catch { data = null; }
      if (request.status >= 200 && request.status < 300) resolve(toApi ? data : null);
      else reject(new ApiError(request.status, toApi ? data : { detail: blobError(request) }));
    });
    request.addEventListener('error', () => reject(new ApiError(0, { detail: toApi ? 'The upload did not reach the API (network error).' : 'The upload did not reach Blob Storage (network error, or the storage account\'s CORS rule does not allow this page).' })));
    request.addEventListener('abort', () => reject(new ApiError(0, { detail: 'The upload was cancelled.' })));
    signal?.addEventListener('abort', () => request.abort());
    request.send(file);
  });
}

function blobError(request) {
  const code = /<Code>([^<]+)<\/Code>/.exec(request.responseText ?? '')?.[1];
  return `Blob Storage refused the upload (HTTP ${request.status}${code ? `, ${code}` : ''}).${request.status === 403 ? ' The upload link may have expired; start the upload again.' : ''}`;
}

export const routes = {
  jobs: (model) => (model ? `/api/jobs?model=${encodeURIComponent(model)}` : '/api/jobs'),
  job: (id) => `/api/jobs/${encodeURIComponent(id)}`,
  cancel: (id) => `/api/jobs/${encodeURIComponent(id)}/cancel`,
  models: () => '/api/models',
  model: (name) => `/api/models/${encodeURIComponent(name)}`,
  version: (name, version) => `/api/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`,
  card: (name, version) => `/api/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}/card`,
  current: (name) => `/api/models/${encodeURIComponent(name)}/current`,
  predict: (name) => `/api/models/${encodeURIComponent(name)}/predict`,
  uploads: () => '/api/uploads',
};
