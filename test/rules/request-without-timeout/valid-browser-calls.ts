// shipguard-test: no-findings
// Code that only ever runs in a browser tab: the tab, not a server worker, waits.

/** The SWR convention: components call `useSWR(key, fetcher)`. */
export const fetcher = (key: string) => fetch(key).then((res) => res.json());

export async function renameTeam(slug: string, name: string) {
  // a same-origin path: Node's fetch would reject it, only a browser resolves it
  const res = await fetch(`/api/teams/${slug}`, { method: 'PATCH', body: JSON.stringify({ name }) });
  return res.ok;
}

export async function logout() {
  await fetch('/api/auth/logout', { method: 'POST' });
}

export async function submit(endpoint: string, form: FormData) {
  // cookies for the page's origin: a browser-only option
  return fetch(endpoint, { method: 'POST', body: form, credentials: 'include' });
}
