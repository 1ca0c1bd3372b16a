// A stand-in for n8n's IExecuteFunctions for unit tests: real HTTP through axios (which n8n's own
// request helper runs on), with the same option semantics the nodes rely on (returnFullResponse,
// ignoreHttpStatusErrors, json, encoding: 'arraybuffer', timeout, abort signal), credentials
// applied by the credential class's own `authenticate` function. Only talks to 127.0.0.1 servers
// started by the tests.
const axios = require('axios');
const path = require('path');

const DIST = path.resolve(__dirname, '../../dist');

const CREDENTIAL_CLASSES = {
	finpassApi: () => new (require(`${DIST}/credentials/FinpassApi.credentials.js`).FinpassApi)(),
	finProApi: () => new (require(`${DIST}/credentials/FinProApi.credentials.js`).FinProApi)(),
};

/** The credential class's own `authenticate` function applied to a request's options. */
async function authenticate(type, credentials, options) {
	return CREDENTIAL_CLASSES[type]().authenticate(credentials, options);
}

async function httpRequest(options, signal, log) {
	const responseType = options.encoding === 'arraybuffer' || options.encoding === 'stream' ? options.encoding : options.json ? 'json' : 'text';
	log.push({ method: options.method, url: options.url, headers: { ...options.headers } });
	const response = await axios({
		method: options.method || 'GET',
		url: options.url,
		params: options.qs,
		data: options.body,
		headers: options.headers,
		timeout: options.timeout,
		responseType,
		validateStatus: () => true,
		signal,
		maxRedirects: 0,
	});
	if (!options.ignoreHttpStatusErrors && response.status >= 400) {
		const error = new Error(`Request failed with status code ${response.status}`);
		error.response = response;
		throw error;
	}
	let body = response.data;
	if (options.encoding === 'arraybuffer') body = Buffer.from(body);
	return options.returnFullResponse
		? { body, headers: response.headers, statusCode: response.status, statusMessage: response.statusText }
		: body;
}

/**
 * createContext({ node, parameters, items, credentials, continueOnFail })
 * parameters: { name: value } or { name: (itemIndex) => value }
 */
function createContext({
	nodeType = 'n8n-nodes-finpass.finpassAccountAggregator',
	parameters = {},
	items = [{ json: {} }],
	credentials = {},
	continueOnFail = false,
	executionId = 'exec-1',
} = {}) {
	const node = { id: 'node-1', name: 'Test Node', type: nodeType, typeVersion: 1, position: [0, 0], parameters };
	const controller = new AbortController();
	const httpLog = [];
	const binaries = [];
	const ctx = {
		httpLog,
		binaries,
		waitTill: undefined,
		cancel: () => controller.abort(),
		getNode: () => node,
		getInputData: () => items,
		// the node's stack entry, as n8n keeps it for a waiting execution (Initialize Consent and Wait)
		executeData: { node, data: { main: [items] }, source: null },
		getExecuteData: () => ctx.executeData,
		continueOnFail: () => continueOnFail,
		getExecutionId: () => executionId,
		getExecutionCancelSignal: () => controller.signal,
		onExecutionCancellation: () => {},
		getMode: () => 'manual',
		evaluateExpression(expression) {
			if (expression.includes('$execution.resumeUrl')) return `http://127.0.0.1:5678/webhook-waiting/${executionId}?signature=abc`;
			throw new Error(`test context cannot evaluate ${expression}`);
		},
		getNodeParameter(name, itemIndex, fallback) {
			if (!(name in parameters)) {
				if (fallback !== undefined) return fallback;
				throw new Error(`test context: parameter ${name} not set`);
			}
			const value = parameters[name];
			return typeof value === 'function' ? value(itemIndex) : value;
		},
		async getCredentials(type) {
			if (!credentials[type]) throw new Error(`test context: no credentials of type ${type}`);
			return { ...credentials[type] };
		},
		async putExecutionToWait(date) {
			ctx.waitTill = date;
		},
		helpers: {
			httpRequest: (options) => httpRequest(options, controller.signal, httpLog),
			async httpRequestWithAuthentication(type, options) {
				const creds = await ctx.getCredentials(type);
				return httpRequest(await authenticate(type, creds, { ...options }), controller.signal, httpLog);
			},
			async prepareBinaryData(buffer, fileName, mimeType) {
				binaries.push(buffer);
				return {
					data: buffer.toString('base64'),
					fileName,
					mimeType,
					fileSize: String(buffer.length),
				};
			},
			async getBinaryDataBuffer(itemIndex, propertyName) {
				const binary = items[itemIndex].binary[propertyName];
				return Buffer.from(binary.data, 'base64');
			},
			assertBinaryData(itemIndex, propertyName) {
				const binary = items[itemIndex].binary && items[itemIndex].binary[propertyName];
				if (!binary) throw new Error(`item ${itemIndex} has no binary property ${propertyName}`);
				return binary;
			},
			returnJsonArray: (data) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};
	return ctx;
}

/** Runs a node class's execute() with a test context. */
async function runNode(NodeClass, options) {
	const ctx = createContext(options);
	const node = new NodeClass();
	const output = await node.execute.call(ctx);
	return { output, ctx };
}

/**
 * A stand-in for the response object a webhook() writes to: `res` to hand to the node, `response`
 * holding what it wrote ({status, headers, body}).
 */
function recordingResponse() {
	const response = { status: undefined, headers: {}, body: undefined };
	const res = {
		status(code) {
			response.status = code;
			return res;
		},
		json(b) {
			response.body = b;
			return res;
		},
		setHeader(name, value) {
			response.headers[name.toLowerCase()] = value;
		},
	};
	return { res, response };
}

module.exports = { createContext, runNode, recordingResponse, DIST };
