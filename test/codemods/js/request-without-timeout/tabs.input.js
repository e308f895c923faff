import axios from 'axios';

export async function load(url) {
	const res = await axios.get(url, {
		headers: { Accept: 'text/csv' },
	});
	return fetch(url);
}
