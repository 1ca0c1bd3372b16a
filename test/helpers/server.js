// A tiny scripted HTTP server on 127.0.0.1 for transport tests: each request is answered by the
// next scripted step (or the fallback), and every request is recorded.
const http = require('http');

async function scriptedServer(fallback = () => ({ status: 200, body: { success: true, data: {} } })) {
	const requests = [];
	const script = [];
	let inFlight = 0;
	let maxInFlight = 0;
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', async () => {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			const raw = Buffer.concat(chunks).toString('utf8');
			const record = { method: req.method, url: req.url, headers: req.headers, body: raw, at: Date.now() };
			requests.push(record);
			const step = script.length ? script.shift() : fallback;
			const answer = await step(record);
			if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
			inFlight--;
			if (answer.reset) {
				req.socket.destroy();
				return;
			}
			const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
			res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...(answer.headers || {}) });
			res.end(body);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		requests,
		get maxInFlight() {
			return maxInFlight;
		},
		/** queue answers: functions (record) => answer, or plain answer objects */
		next(...steps) {
			for (const s of steps) script.push(typeof s === 'function' ? s : () => s);
			return this;
		},
		close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
	};
}

module.exports = { scriptedServer };
