'use strict';
// The simulator in a run: the credentials that point at it and its control API.
const { SIM_CREDENTIALS, CREDENTIAL_IDS } = require('./constants');
const { info } = require('./info');
const { webhookCredentials } = require('../webhook-credentials');

/** The credentials every run has, pointed at the simulator, and the triggers' webhook credentials. */
function simulatorCredentials(simUrl) {
	return [
		// the triggers' webhook credentials (one per verification mode): trigger-*.json use them
		...webhookCredentials(),
		{
			id: CREDENTIAL_IDS.finpass,
			name: 'Finpass (simulator)',
			type: 'finpassApi',
			data: { ...SIM_CREDENTIALS.finpass, baseUrl: simUrl },
		},
		{
			id: CREDENTIAL_IDS.finpro,
			name: 'FinPro (simulator)',
			type: 'finProApi',
			data: { ...SIM_CREDENTIALS.finpro, baseUrl: simUrl },
		},
	];
}

/** Points a workflow's Finpass and FinPro credential references at the simulator credentials. */
function useSimulatorCredentials(workflow) {
	const names = Object.fromEntries(simulatorCredentials('').map((c) => [c.type, { id: c.id, name: c.name }]));
	for (const node of workflow.nodes ?? []) {
		for (const type of Object.keys(node.credentials ?? {})) {
			if (names[type]) node.credentials[type] = names[type];
		}
	}
	return workflow;
}

/**
 * Calls the simulator's control API: sim('/requests') GETs ${simUrl}/__sim/requests;
 * a body (even {}) makes it a POST: sim('/reset', {}), sim('/config', {...}).
 * A method prefix overrides: sim('DELETE /something'). The /__sim prefix is optional.
 */
async function sim(route, body) {
	let method = body === undefined ? 'GET' : 'POST';
	const m = /^(GET|POST|PUT|PATCH|DELETE)\s+(.*)$/.exec(route);
	if (m) [, method, route] = m;
	if (!route.startsWith('/')) route = `/${route}`;
	if (!route.startsWith('/__sim')) route = `/__sim${route}`;
	const res = await fetch(`${info().simUrl}${route}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`simulator ${method} ${route}: ${res.status} ${text}`);
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

module.exports = { simulatorCredentials, useSimulatorCredentials, sim };
