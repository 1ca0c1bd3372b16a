// Report-link downloads (nodes/shared/transport/download.ts, address.ts): which addresses a link or
// a redirect may reach, redirects followed one checked hop at a time, PDF bodies only, and idle and
// total timers. Address rules are checked as pure functions on literal text: the only traffic in
// this file goes to servers it starts on 127.0.0.1 (or to stubs that send nothing at all).
const http = require('http');
const axios = require('axios');
const { createContext, DIST } = require('../helpers/context');
const { Transport, finpass, DEFAULT_TRANSPORT_SETTINGS } = require(`${DIST}/nodes/shared/transport`);
const { addressRisk } = require(`${DIST}/nodes/shared/transport/address`);
const { linkRefusal, MAX_REDIRECTS } = require(`${DIST}/nodes/shared/transport/download`);

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n', 'latin1');
const fast = { ...DEFAULT_TRANSPORT_SETTINGS, backoffBaseMs: 5, timeoutMs: 2000, maxRetries: 0 };

/**
 * n8n's httpRequest as it treats the options a download sends: redirects are followed by the
 * client unless disableFollowRedirect (n8n-core sets maxRedirects 0 then), abortSignal is
 * honoured, encoding 'stream' gives the body as a stream. Every request is logged.
 */
function n8nLikeHttpRequest(log) {
	return async (options) => {
		log.push({ url: options.url, disableFollowRedirect: options.disableFollowRedirect === true });
		const response = await axios({
			method: options.method || 'GET',
			url: options.url,
			headers: options.headers,
			timeout: options.timeout,
			responseType: options.encoding === 'stream' ? 'stream' : 'arraybuffer',
			validateStatus: () => true,
			signal: options.abortSignal,
			...(options.disableFollowRedirect === true ? { maxRedirects: 0 } : {}),
		});
		return { body: response.data, headers: response.headers, statusCode: response.status, statusMessage: response.statusText };
	};
}

/** A transport whose credential has the given Base URL (never contacted by a download). */
function downloader(baseUrl, settings = {}) {
	const ctx = createContext({ credentials: { finpassApi: { apiKey: 'key_live_AAAA1111', apiSecret: 'secret_live_BBBB2222', baseUrl } } });
	const log = [];
	ctx.helpers.httpRequest = n8nLikeHttpRequest(log);
	return { ctx, log, t: new Transport(ctx, finpass, undefined, { ...fast, ...settings }) };
}

/** A 127.0.0.1 server answering with handler(req, res); records each request's url. */
async function loopbackServer(handler) {
	const requests = [];
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		requests.push(req.url);
		handler(req, res);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		requests,
		/** Connections still open (a stopped download must close its own). */
		get openSockets() {
			return sockets.size;
		},
		close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
	};
}

const servers = [];
const serve = async (handler) => {
	const server = await loopbackServer(handler);
	servers.push(server);
	return server;
};
afterEach(async () => {
	await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('addressRisk: the address rules, on literal text only', () => {
	test.each([
		['127.0.0.1', 'loopback'],
		['127.255.255.254', 'loopback'],
		['127.1', 'loopback'],
		['0x7f000001', 'loopback'],
		['2130706433', 'loopback'],
		['::1', 'loopback'],
		['[::1]', 'loopback'],
		['0:0:0:0:0:0:0:1', 'loopback'],
		['::ffff:127.0.0.1', 'loopback'],
		['::ffff:7f00:1', 'loopback'],
		['localhost', 'loopback'],
		['LOCALHOST.', 'loopback'],
		['app.localhost', 'loopback'],
		['10.0.0.1', 'private'],
		['10.255.255.255', 'private'],
		['172.16.0.1', 'private'],
		['172.31.255.255', 'private'],
		['192.168.1.10', 'private'],
		['::ffff:10.1.2.3', 'private'],
		['::ffff:c0a8:101', 'private'],
		['2002:c0a8:0101::1', 'private'],
		['fec0::1', 'private'],
		['169.254.0.1', 'link-local'],
		['fe80::1', 'link-local'],
		['febf:ffff::1', 'link-local'],
		['169.254.169.254', 'metadata'],
		['169.254.170.2', 'metadata'],
		['100.100.100.200', 'metadata'],
		['[fd00:ec2::254]', 'metadata'],
		['::ffff:169.254.169.254', 'metadata'],
		['64:ff9b::a9fe:a9fe', 'metadata'],
		['metadata.google.internal', 'metadata'],
		['metadata', 'metadata'],
		['fc00::1', 'unique-local'],
		['fd12:3456:789a::1', 'unique-local'],
		['100.64.0.1', 'cgnat'],
		['100.127.255.255', 'cgnat'],
		['0.0.0.0', 'unspecified'],
		['0', 'unspecified'],
		['0.1.2.3', 'unspecified'],
		['::', 'unspecified'],
		['224.0.0.1', 'reserved'],
		['255.255.255.255', 'reserved'],
		['198.18.0.1', 'reserved'],
		['ff02::1', 'reserved'],
		['2001:db8::1', 'reserved'],
		['', 'unreadable'],
		['[::1', 'unreadable'],
		['fe80::1%eth0', 'unreadable'],
		['1:2:3:4:5:6:7:8:9', 'unreadable'],
	])('%p is %p', (host, risk) => {
		expect(addressRisk(host)).toBe(risk);
	});

	test.each([
		['8.8.8.8'],
		['1.1.1.1'],
		['172.15.255.255'],
		['172.32.0.1'],
		['100.63.255.255'],
		['100.128.0.1'],
		['169.253.255.255'],
		['192.169.0.1'],
		['11.0.0.1'],
		['2606:4700:4700::1111'],
		['[2404:6800:4009:80b::200e]'],
		['::ffff:8.8.8.8'],
		['finpass-reports.s3.ap-south-1.amazonaws.com'],
		['example.com'],
		['localhost.example.com'],
	])('%p is a public address (no risk)', (host) => {
		expect(addressRisk(host)).toBeUndefined();
	});
});

describe('linkRefusal: what a link or redirect may point at (pure)', () => {
	test.each([
		['https://reports.finpass.example/s/abc.pdf?X-Amz-Signature=1', false, undefined],
		['https://8.8.8.8/x.pdf', false, undefined],
		['http://reports.finpass.example/x.pdf', false, 'not https'],
		['http://reports.finpass.example/x.pdf', true, 'not https'],
		['ftp://reports.finpass.example/x.pdf', false, 'not https'],
		['not a url', false, 'not a URL'],
		['https://user:pw@reports.finpass.example/x.pdf', false, 'carries a user name or password'],
		['https://127.0.0.1/x.pdf', false, 'points at a loopback address'],
		['http://localhost:4010/x.pdf', false, 'points at a loopback address'],
		['http://127.0.0.1:4010/x.pdf', true, undefined],
		['https://[::1]:4010/x.pdf', true, undefined],
		['https://10.0.0.8/x.pdf', true, 'points at a private address'],
		['http://169.254.169.254/latest/meta-data/', true, 'points at a metadata address'],
		['https://[fd00::1]/x.pdf', false, 'points at a unique-local address'],
		['https://100.64.1.1/x.pdf', false, 'points at a cgnat address'],
		['https://0.0.0.0/x.pdf', true, 'points at an unspecified address'],
		['https://[fe80::1]/x.pdf', false, 'points at a link-local address'],
	])('%p (loopback allowed: %p) → %p', (url, loopbackAllowed, reason) => {
		expect(linkRefusal(url, loopbackAllowed)).toBe(reason);
	});
});

describe('redirects are followed one checked hop at a time (stubbed client: no traffic at all)', () => {
	/** A client stub: answers from a table by URL, records what it was asked. */
	function stubbed(baseUrl, answers) {
		const { ctx, t } = downloader(baseUrl);
		const asked = [];
		ctx.helpers.httpRequest = async (options) => {
			asked.push({ url: options.url, disableFollowRedirect: options.disableFollowRedirect });
			const answer = answers[options.url];
			if (!answer) throw new Error(`test stub: nothing scripted for ${options.url}`);
			return { statusCode: answer.status, headers: answer.headers ?? {}, body: answer.body ?? Buffer.alloc(0) };
		};
		return { t, asked };
	}

	test.each([
		['http://169.254.169.254/latest/meta-data/iam/security-credentials/', /not a public https URL \(points at a metadata address\)/],
		['https://10.20.30.40/admin', /points at a private address/],
		['http://reports.finpass.example/plain-http.pdf', /not a public https URL \(not https\)/],
		['https://127.0.0.1:9/x.pdf', /points at a loopback address/],
		['https://[fd00:ec2::254]/latest/', /points at a metadata address/],
	])('an https link redirecting to %p is refused before that address is requested', async (location, message) => {
		const link = 'https://reports.finpass.example/s/abc.pdf';
		const { t, asked } = stubbed('https://api.finpass.example', { [link]: { status: 302, headers: { location } } });
		const error = await t.download(link, 0).catch((e) => e);
		expect(error.message).toMatch(message);
		expect(asked).toEqual([{ url: link, disableFollowRedirect: true }]);
	});

	test('a redirect to another public https address is followed, relative locations included', async () => {
		const link = 'https://reports.finpass.example/s/abc.pdf';
		const { t, asked } = stubbed('https://api.finpass.example', {
			[link]: { status: 302, headers: { location: '/s/moved.pdf' } },
			'https://reports.finpass.example/s/moved.pdf': { status: 307, headers: { location: 'https://cdn.finpass.example/final.pdf' } },
			'https://cdn.finpass.example/final.pdf': { status: 200, body: PDF },
		});
		expect((await t.download(link, 0)).equals(PDF)).toBe(true);
		expect(asked.map((a) => a.url)).toEqual([link, 'https://reports.finpass.example/s/moved.pdf', 'https://cdn.finpass.example/final.pdf']);
		expect(asked.every((a) => a.disableFollowRedirect === true)).toBe(true);
	});
});

describe('report links against loopback servers (the simulator case: Base URL on loopback)', () => {
	test('a link that redirects to another loopback port is followed only by the node, hop by hop, and a body that is not a PDF is refused', async () => {
		const inside = await serve((req, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"internal":"service answer, not a statement"}');
		});
		const link = await serve((req, res) => {
			res.writeHead(302, { location: `${inside.url}/internal` });
			res.end();
		});
		const { t, log } = downloader('http://127.0.0.1:4010');
		const error = await t.download(`${link.url}/report.pdf`, 0).catch((e) => e);
		expect(error.message).toBe('The report link did not return a PDF file: not stored');
		// every request was sent with the client's redirect following off: the node checked the hop
		expect(log).toEqual([
			{ url: `${link.url}/report.pdf`, disableFollowRedirect: true },
			{ url: `${inside.url}/internal`, disableFollowRedirect: true },
		]);
	});

	test('a PDF behind a loopback redirect is downloaded', async () => {
		const file = await serve((req, res) => {
			res.writeHead(200, { 'content-type': 'application/pdf' });
			res.end(PDF);
		});
		const link = await serve((req, res) => {
			res.writeHead(301, { location: `${file.url}/statement.pdf` });
			res.end();
		});
		const { t } = downloader('http://localhost:4010/');
		expect((await t.download(`${link.url}/r.pdf`, 0)).equals(PDF)).toBe(true);
		expect(file.requests).toEqual(['/statement.pdf']);
	});

	test(`redirects are bounded: more than ${MAX_REDIRECTS} are refused`, async () => {
		const loop = await serve((req, res) => {
			res.writeHead(302, { location: `/hop${Number(req.url.replace(/\D/g, '') || 0) + 1}` });
			res.end();
		});
		const { t } = downloader('http://127.0.0.1:4010');
		const error = await t.download(`${loop.url}/hop0`, 0).catch((e) => e);
		expect(error.message).toBe(`The report link redirected more than ${MAX_REDIRECTS} times: not downloaded`);
		expect(loop.requests).toHaveLength(MAX_REDIRECTS + 1);
	});

	test('an error page served as 200 (not %PDF-) is refused', async () => {
		const page = await serve((req, res) => {
			res.writeHead(200, { 'content-type': 'application/xml' });
			res.end('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>');
		});
		const { t } = downloader('http://127.0.0.1:4010');
		const error = await t.download(`${page.url}/r.pdf`, 0).catch((e) => e);
		expect(error.message).toBe('The report link did not return a PDF file: not stored');
		expect(error.description).toMatch(/%PDF-/);
	});
});

describe('plain-http and loopback links when the Base URL is not loopback (the vendor in production)', () => {
	test('a loopback link is refused before any request, over http or https', async () => {
		const local = await serve((req, res) => res.end(PDF));
		const { t, log } = downloader('https://api.finpass.example');
		const httpError = await t.download(`${local.url}/r.pdf`, 0).catch((e) => e);
		expect(httpError.message).toBe('The report link points at a loopback address: not downloaded');
		const httpsError = await t.download(`${local.url.replace('http:', 'https:')}/r.pdf`, 0).catch((e) => e);
		expect(httpsError.message).toBe('The report link points at a loopback address: not downloaded');
		expect(log).toEqual([]);
		expect(local.requests).toEqual([]);
	});
});

describe('a download has an idle timer and a total timer', () => {
	test('a server that sends headers and then nothing fails the item after the idle time, and the connection is closed', async () => {
		const silent = await serve((req, res) => {
			res.writeHead(200, { 'content-type': 'application/pdf' });
			res.write('%PDF-1.7\n');
			// and then nothing, connection left open
		});
		const { t } = downloader('http://127.0.0.1:4010', { downloadIdleMs: 200 });
		const error = await t.download(`${silent.url}/r.pdf`, 0).catch((e) => e);
		expect(error.message).toBe('Downloading the report file failed: no data for 1 s (ETIMEDOUT)');
		while (silent.openSockets > 0) await new Promise((r) => setTimeout(r, 10));
	});

	test('a connection that breaks in the middle of the file is retried like any network failure', async () => {
		let calls = 0;
		const flaky = await serve((req, res) => {
			calls++;
			res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(PDF.length) });
			if (calls === 1) {
				res.write(PDF.subarray(0, 10));
				setImmediate(() => req.socket.destroy());
				return;
			}
			res.end(PDF);
		});
		const { t } = downloader('http://127.0.0.1:4010', { maxRetries: 1 });
		expect((await t.download(`${flaky.url}/r.pdf`, 0)).equals(PDF)).toBe(true);
		expect(flaky.requests).toHaveLength(2);
	});

	test('the idle time defaults to the request timeout', async () => {
		const silent = await serve((req, res) => {
			res.writeHead(200, { 'content-type': 'application/pdf' });
			res.write('%PDF-1.7\n');
		});
		const { t } = downloader('http://127.0.0.1:4010', { timeoutMs: 300 });
		const error = await t.download(`${silent.url}/r.pdf`, 0).catch((e) => e);
		expect(error.message).toMatch(/no data for 1 s \(ETIMEDOUT\)/);
	});

	test('a server trickling a byte at a time (never idle) is stopped at the total time', async () => {
		const timers = [];
		const trickle = await serve((req, res) => {
			res.writeHead(200, { 'content-type': 'application/pdf' });
			res.write('%PDF-1.7\n');
			timers.push(setInterval(() => res.write('x'), 20));
			res.on('close', () => timers.forEach(clearInterval));
		});
		try {
			const { t } = downloader('http://127.0.0.1:4010', { downloadIdleMs: 5000, downloadTotalMs: 400, maxRetries: 3 });
			const error = await t.download(`${trickle.url}/r.pdf`, 0).catch((e) => e);
			expect(error.message).toBe('Downloading the report file took longer than 1 s: stopped');
			// a total timeout is final: the file is not asked for again
			expect(trickle.requests).toHaveLength(1);
			while (trickle.openSockets > 0) await new Promise((r) => setTimeout(r, 10));
		} finally {
			timers.forEach(clearInterval);
		}
	});

	test('the total time covers the wait for headers too', async () => {
		const never = await serve(() => {
			// no answer at all
		});
		const { t } = downloader('http://127.0.0.1:4010', { timeoutMs: 60_000, downloadTotalMs: 300 });
		const error = await t.download(`${never.url}/r.pdf`, 0).catch((e) => e);
		expect(error.message).toBe('Downloading the report file took longer than 1 s: stopped');
	});
});
