import axios from 'axios';

export async function load(url) {
	const res = await axios.get(url, { // expect: request-without-timeout
		headers: { Accept: 'text/csv' },
	});
	return fetch(url); // expect: request-without-timeout
}
