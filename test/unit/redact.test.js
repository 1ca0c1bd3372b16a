// Secrets out of errors and output (nodes/shared/transport/redact.ts and the transport's redact): every
// written form of a secret (as sent, URL-encoded, JSON-escaped) in message and description alike;
// only secret credential fields are masked, identifiers stay readable.
const { createContext, DIST } = require('../helpers/context');
const { scriptedServer } = require('../helpers/server');
const { maskSecrets, secretForms, isSecretCredentialField, redactError, redactValue } = require(`${DIST}/nodes/shared/transport/redact`);
const { Transport, finpass, finpro, DEFAULT_TRANSPORT_SETTINGS } = require(`${DIST}/nodes/shared/transport`);
const { NodeApiError, NodeOperationError } = require('n8n-workflow');

// characters that encoders change: space, +, /, =, &, quote, backslash, non-ASCII
const SECRET = 'k3y+with/odd=chars&"quote"\\ and ₹';
const fast = { ...DEFAULT_TRANSPORT_SETTINGS, backoffBaseMs: 5, timeoutMs: 2000 };
const node = { id: 'n', name: 'Node', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };

let server;
afterEach(async () => server && (await server.close()));

describe('maskSecrets: every written form', () => {
	const forms = {
		asSent: SECRET,
		urlEncoded: encodeURIComponent(SECRET),
		urlEncodedLower: encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
		formEncoded: encodeURIComponent(SECRET).replace(/%20/g, '+'),
		jsonEscaped: JSON.stringify(SECRET).slice(1, -1),
		jsonSlashEscaped: JSON.stringify(SECRET).slice(1, -1).replace(/\//g, '\\/'),
		jsonUnicodeEscaped: JSON.stringify(SECRET).slice(1, -1).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
	};
	test.each(Object.entries(forms))('%s', (_name, form) => {
		expect(maskSecrets(`before ${form} after`, [SECRET])).toBe('before *** after');
	});
	test('the secret inside a URL and inside a JSON body, as a vendor would echo them', () => {
		const url = `https://api.example/cb?token=${encodeURIComponent(SECRET)}&x=1`;
		const json = JSON.stringify({ secret: SECRET, note: 'ok' });
		expect(maskSecrets(url, [SECRET])).toBe('https://api.example/cb?token=***&x=1');
		expect(maskSecrets(json, [SECRET])).toBe('{"secret":"***","note":"ok"}');
	});
	test('short values (under 4 characters) are not masked; ordinary text is left alone', () => {
		expect(secretForms('abc')).toEqual([]);
		expect(maskSecrets('abc abc', ['abc'])).toBe('abc abc');
		expect(maskSecrets('nothing to hide', [SECRET])).toBe('nothing to hide');
	});
});

describe('redactError and redactValue', () => {
	test('message, description, messages and context, in every form; the input value is not changed', () => {
		const error = new NodeOperationError(node, `wrong password ${SECRET}`, { description: `sent ${encodeURIComponent(SECRET)} in ${JSON.stringify({ p: SECRET })}` });
		error.messages = [`echo ${JSON.stringify(SECRET).slice(1, -1)}`];
		const redacted = redactError(node, error, SECRET);
		const all = JSON.stringify({ ...redacted, message: redacted.message, description: redacted.description, stack: redacted.stack });
		for (const form of secretForms(SECRET)) expect(all).not.toContain(form);
		expect(redacted.description).toBe('sent *** in {"p":"***"}');
		const item = { json: { note: `pw ${SECRET}`, nested: [encodeURIComponent(SECRET)] } };
		const copy = redactValue(item, SECRET);
		expect(copy).toEqual({ json: { note: 'pw ***', nested: ['***'] } });
		expect(item.json.note).toBe(`pw ${SECRET}`);
	});
});

describe('the transport masks only secret credential fields', () => {
	test('which fields count as secrets', () => {
		for (const name of ['apiKey', 'apiSecret', 'clientSecret', 'secret']) expect(isSecretCredentialField(name)).toBe(true);
		for (const name of ['clientId', 'organisationId', 'appIdentifier', 'baseUrl', 'headerName', 'signatureHeader']) expect(isSecretCredentialField(name)).toBe(false);
	});
	test('FinPro: an echoed client secret is masked (as sent, URL-encoded, JSON-escaped), the client and organisation ids are not', async () => {
		const credentials = { clientId: 'client-visible-123', clientSecret: SECRET, organisationId: 'org-visible-456', appIdentifier: 'app-visible-789' };
		server = await scriptedServer(() => ({
			status: 400,
			body: { status: 'failure', errorCode: 'Bad', errorMsg: `client client-visible-123 org org-visible-456 secret ${SECRET} url ${encodeURIComponent(SECRET)} json ${JSON.stringify(SECRET)}` },
		}));
		const ctx = createContext({ credentials: { finProApi: { ...credentials, baseUrl: server.url } } });
		const error = await new Transport(ctx, finpro, undefined, fast).request({ method: 'POST', path: '/getfibalance', body: {}, idempotent: true }, 0).catch((e) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		const all = JSON.stringify({ ...error, message: error.message, description: error.description, stack: error.stack });
		for (const form of secretForms(SECRET)) expect(all).not.toContain(form);
		expect(error.message).toContain('client client-visible-123 org org-visible-456 secret *** url *** json "***"');
	});
	test('a description that quotes the vendor is masked too', async () => {
		server = await scriptedServer(() => ({ status: 422, body: { success: false, message: 'no', message_code: 'x' } }));
		const ctx = createContext({ credentials: { finpassApi: { apiKey: 'key_live_AAAA1111', apiSecret: SECRET, baseUrl: server.url } } });
		const transport = new Transport(ctx, finpass, undefined, fast);
		const result = await transport.request({ method: 'POST', path: '/x', body: {}, idempotent: true, expectStatuses: [422] }, 0);
		const error = transport.apiError(result, 0, `the vendor said: key key_live_AAAA1111, secret ${encodeURIComponent(SECRET)}`);
		expect(error.description).toBe('the vendor said: key ***, secret ***');
	});
});
