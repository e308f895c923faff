import { boundedOptions, partnerOptions } from './shared-options';

const jsonHeaders = { headers: { 'Content-Type': 'application/json' } };

export async function syncPartner(base: string, id: string, body: unknown) {
  await fetch(`${base}/partners/${id}`, { ...jsonHeaders, method: 'PUT', body: JSON.stringify(body) }); // expect: request-without-timeout
  await fetch(`${base}/partners/${id}`, { ...partnerOptions, method: 'DELETE' }); // expect: request-without-timeout
  await fetch(`${base}/partners`, { ...boundedOptions, method: 'GET' });
}

export async function proxy(request: Request, upstream: string) {
  const init: RequestInit = {
    method: request.method,
    headers: new Headers(request.headers),
  };
  if (request.method !== 'GET') {
    init.body = request.body;
  }
  return fetch(new URL(new URL(request.url).pathname, upstream), init); // expect: request-without-timeout
}

export async function proxyWithDefaults(request: Request, upstream: string) {
  const init: RequestInit = { method: request.method };
  applyClientDefaults(init); // may set a signal
  return fetch(upstream, init);
}

declare function applyClientDefaults(init: RequestInit): void;

export async function proxyBounded(request: Request, upstream: string) {
  const init: RequestInit = { method: request.method };
  init.signal = AbortSignal.timeout(5000);
  return fetch(upstream, init);
}

export async function loadFont(baseUrl: string) {
  return fetch(new URL('/fonts/inter.ttf', baseUrl)).then((res) => res.arrayBuffer()); // expect: request-without-timeout
}
