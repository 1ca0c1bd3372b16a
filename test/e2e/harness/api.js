'use strict';
// n8n's REST and public API: the owner account, an API key, executions read back with their data.
const fs = require('fs');
const path = require('path');
const { OWNER } = require('./constants');
const { sleep } = require('./process');
const { info } = require('./info');

function authCookie(res) {
	const cookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
	const auth = cookies.find((c) => c.startsWith('n8n-auth='));
	return auth ? auth.split(';')[0] : null;
}

/**
 * Creates the instance owner over REST (or logs in when it exists); returns the session cookie.
 * Send no `browser-id` header: the session then is not tied to one browser.
 */
async function ensureOwner(baseUrl, owner = OWNER) {
	const post = (route, body) =>
		fetch(`${baseUrl}${route}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	let res = await post('/rest/owner/setup', owner);
	if (!res.ok) {
		res = await post('/rest/login', { emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password });
	}
	const cookie = authCookie(res);
	if (!res.ok || !cookie) throw new Error(`owner setup / login failed: ${res.status} ${await res.text()}`);
	return cookie;
}

/**
 * A public-API key for the owner, made once per run and kept in <runDir>/api-key.json
 * (the key lives in the database, so it outlives `n8n start` restarts).
 */
async function ensureApiKey(baseUrl) {
	const file = path.join(info().runDir, 'api-key.json');
	if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')).key;
	const cookie = await ensureOwner(baseUrl);
	const headers = { cookie, 'content-type': 'application/json' };
	// 2.x keys carry scopes (the owner may have them all); older 1.x has no scopes endpoint
	let scopes;
	const scopesRes = await fetch(`${baseUrl}/rest/api-keys/scopes`, { headers });
	if (scopesRes.ok) scopes = (await scopesRes.json()).data;
	const res = await fetch(`${baseUrl}/rest/api-keys`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ label: `e2e-${Date.now()}`, expiresAt: null, ...(scopes ? { scopes } : {}) }),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`creating an API key failed: ${res.status} ${text}`);
	const data = JSON.parse(text).data;
	const key = data.rawApiKey || data.apiKey;
	fs.writeFileSync(file, JSON.stringify({ key }));
	return key;
}

/**
 * Reads executions over n8n's public API (GET /api/v1/executions?includeData=true, every page):
 * `executions(workflowId)` → oldest first, with their data; `waitForExecutions(workflowId,
 * {count, status, timeoutMs})` polls until enough exist. `describe()` adds context (a log tail)
 * to the timeout error. Used by startN8n() and by queue mode (test/e2e/queue.js).
 */
function executionsReader(baseUrl, getApiKey, { timeoutMs: defaultTimeoutMs = 60000, describe = () => '' } = {}) {
	const executions = async (workflowId) => {
		const key = await getApiKey();
		const all = [];
		let cursor;
		do {
			const q = new URLSearchParams({ includeData: 'true', limit: '100' });
			if (workflowId) q.set('workflowId', workflowId);
			if (cursor) q.set('cursor', cursor);
			const res = await fetch(`${baseUrl}/api/v1/executions?${q}`, { headers: { 'X-N8N-API-KEY': key } });
			const text = await res.text();
			if (!res.ok) throw new Error(`GET /api/v1/executions: ${res.status} ${text}`);
			const page = JSON.parse(text);
			all.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return all.sort((a, b) => Number(a.id) - Number(b.id));
	};
	const waitForExecutions = async (workflowId, { count = 1, status, timeoutMs = defaultTimeoutMs } = {}) => {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const all = await executions(workflowId);
			const list = all.filter((e) => !status || e.status === status);
			if (list.length >= count) return list;
			if (Date.now() > deadline) {
				const seen = all.map((e) => `${e.id}:${e.status}`).join(', ') || 'none';
				const detail = describe();
				throw new Error(`expected ${count} execution(s) of ${workflowId}${status ? ` (${status})` : ''}; executions: ${seen}${detail ? `\n${detail}` : ''}`);
			}
			await sleep(500);
		}
	};
	return { executions, waitForExecutions };
}

module.exports = { ensureOwner, ensureApiKey, executionsReader };
