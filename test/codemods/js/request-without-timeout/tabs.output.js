import axios from 'axios';

export async function load(url) {
	const res = await axios.get(url, {
		headers: { Accept: 'text/csv' },
		timeout: 10_000,
	});
	return fetch(url, { signal: AbortSignal.timeout(10_000) });
}
