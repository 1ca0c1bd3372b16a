// What the editor shows, checked on every node's description as n8n loads it (dist/), with
// n8n-workflow's own helpers where n8n computes something from it: the parameters it resolves,
// the subtitle expression, and the description an AI agent gets for a node used as a tool.
const path = require('path');
const { NodeHelpers, Workflow } = require('n8n-workflow');

const root = path.resolve(__dirname, '../..');
const { n8n } = require(path.join(root, 'package.json'));

const nodes = n8n.nodes.flatMap((file) =>
	Object.values(require(path.join(root, file)))
		.filter((NodeClass) => typeof NodeClass === 'function')
		.map((NodeClass) => new NodeClass().description),
);
const actionNodes = nodes.filter((d) => d.properties.some((p) => p.name === 'operation'));
const byName = (name) => nodes.find((d) => d.name === name);

/** Every parameter, collection options included, with the chain of names that leads to it. */
function walk(properties, visit, trail = []) {
	for (const p of properties) {
		visit(p, [...trail, p.name]);
		if (['collection', 'fixedCollection'].includes(p.type)) {
			for (const o of p.options ?? []) walk(o.values ?? [o], visit, [...trail, p.name]);
		}
	}
}

/** The parameters n8n resolves for a node with these stored parameters (the defaults of the shown ones added). */
function resolved(description, parameters) {
	const node = { id: 'n', name: description.defaults.name, type: description.name, typeVersion: 1, position: [0, 0], parameters };
	return NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description);
}

/** The canvas subtitle for a node with these parameters, evaluated by n8n's expression engine as the editor does. */
function subtitle(description, parameters) {
	const node = {
		id: 'n',
		name: description.defaults.name,
		type: description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: resolved(description, parameters),
	};
	const nodeTypes = {
		getByName: () => ({ description }),
		getByNameAndVersion: () => ({ description }),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, description.subtitle, 'internal', {});
}

const operationsOf = (description) => description.properties.find((p) => p.name === 'operation').options;

describe.each(actionNodes.map((d) => [d.displayName, d]))('%s', (_, description) => {
	test('no Resource dropdown: the one resource is a hidden parameter, and the operation list is shown for it', () => {
		const resources = description.properties.filter((p) => p.name === 'resource');
		expect(resources).toHaveLength(1);
		const [resource] = resources;
		expect(resource.type).toBe('hidden');
		expect(resource.options).toHaveLength(1);
		expect(resource.default).toBe(resource.options[0].value);
		const operation = description.properties.find((p) => p.name === 'operation');
		expect(operation.displayOptions.show.resource).toEqual([resource.default]);
	});

	test('as an AI tool, each operation is described "<action> in <node name>", also for a workflow that does not store the resource', () => {
		const resource = description.properties.find((p) => p.name === 'resource').default;
		for (const option of operationsOf(description)) {
			// the editor saves no parameter that has its default: n8n resolves the hidden resource
			const parameters = resolved(description, { operation: option.value });
			expect(parameters.resource).toBe(resource);
			expect(NodeHelpers.makeDescription(parameters, description)).toBe(`${option.action} in ${description.defaults.name}`);
		}
	});

	test('the subtitle is the operation name, for every operation and for the default one', () => {
		for (const option of operationsOf(description)) {
			expect(subtitle(description, { operation: option.value })).toBe(option.name);
		}
		const defaultOperation = description.properties.find((p) => p.name === 'operation').default;
		expect(subtitle(description, {})).toBe(operationsOf(description).find((o) => o.value === defaultOperation).name);
	});

	test('action texts: short sentence-case phrases for the panel (formats live in the parameter descriptions)', () => {
		for (const { action } of operationsOf(description)) {
			expect(action.length).toBeLessThanOrEqual(55);
			expect(action).toMatch(/^[A-Z][^A-Z]/);
			expect(action).not.toMatch(/e\.g\.|\(|\)|\.$|\b(a|an|the)\b/);
		}
	});

	test('placeholders are examples starting with "e.g."', () => {
		const wrong = [];
		walk(description.properties, (p, trail) => {
			if (typeof p.placeholder !== 'string' || ['collection', 'fixedCollection'].includes(p.type)) return;
			if (!p.placeholder.startsWith('e.g. ')) wrong.push(`${trail.join('.')}: ${p.placeholder}`);
		});
		expect(wrong).toEqual([]);
	});
});

describe.each(['finpassTrigger', 'finProTrigger'])('%s subtitle', (name) => {
	test('names the chosen events in words, never their stored values', () => {
		const description = byName(name);
		const events = description.properties.find((p) => p.name === 'events').options.filter((o) => o.value !== '*');
		const [first, second] = events;
		expect(subtitle(description, { events: [first.value, second.value] })).toBe(`${first.name}, ${second.name}`);
		expect(subtitle(description, {})).toBe('Any Event');
	});
});

test('every node has its own icon file, light and dark', () => {
	const icons = nodes.map((d) => d.icon);
	for (const [k, icon] of icons.entries()) {
		expect(icon).toEqual({ light: `file:${nodes[k].name}.svg`, dark: `file:${nodes[k].name}.dark.svg` });
	}
});

test('every node has a documentation link', () => {
	for (const d of nodes) expect(d.documentationUrl).toMatch(/^https:\/\/github\.com\/.+#finp/);
});

test('every option list of five or more is sorted alphabetically (n8n lint rule; ours are built in code, so checked here)', () => {
	const unsorted = [];
	for (const description of nodes) {
		walk(description.properties, (p, trail) => {
			if (!['options', 'multiOptions'].includes(p.type) || !Array.isArray(p.options) || p.options.length < 5) return;
			const names = p.options.map((o) => o.name);
			const sorted = [...names].sort((a, b) => a.localeCompare(b));
			if (names.join('|') !== sorted.join('|')) unsorted.push(`${description.name} ${trail.join('.')}: ${names.join(', ')}`);
		});
	}
	expect(unsorted).toEqual([]);
});

test('one spelling of Analyzer in every node name and text', () => {
	expect(JSON.stringify(nodes)).not.toMatch(/[Aa]nalys(er|e\b|ing)/);
});

describe('Finpass Account Aggregator: Initialize Consent and Initialize Consent and Wait', () => {
	const shownFor = (operation) =>
		byName('finpassAccountAggregator')
			.properties.filter((p) => p.displayOptions?.show?.operation?.includes(operation))
			.map((p) => p.name);

	test('share their parameter names, so a value typed under one survives switching to the other', () => {
		// each form's own: the wait's deadline and notice; Initialize Consent's switch for its Webhook URL
		const waitOnly = ['maxWaitHours', 'waitNotice'];
		const initOnly = ['appendTriggerToken'];
		expect(shownFor('initConsentAndWait').filter((name) => !waitOnly.includes(name))).toEqual(
			shownFor('initConsent').filter((name) => !initOnly.includes(name)),
		);
	});

	test('a value typed under Initialize Consent is still there after switching to the wait form', () => {
		const description = byName('finpassAccountAggregator');
		const typed = { operation: 'initConsent', mobileNumber: '9876543210', consentType: 'loan_monitoring', additionalFields: { pan: 'ABCDE1234F' } };
		const switched = resolved(description, { ...resolved(description, typed), operation: 'initConsentAndWait' });
		expect(switched).toMatchObject({ mobileNumber: '9876543210', consentType: 'loan_monitoring', additionalFields: { pan: 'ABCDE1234F' } });
	});
});

describe('Finpass Multi-Bureau: nothing billed by default', () => {
	const parameter = (name) => byName('finpassMultiBureau').properties.find((p) => p.name === name);

	test('Bureaus is required and starts empty: the user picks the bureaus to pay for', () => {
		expect(parameter('bureaus')).toMatchObject({ type: 'multiOptions', required: true, default: [] });
		expect(parameter('bureaus').description).toMatch(/billed/);
	});

	test('Gender offers what the API accepts, with no default', () => {
		expect(parameter('gender')).toMatchObject({ type: 'options', required: true, default: '' });
		expect(parameter('gender').options.map((o) => o.value)).toEqual(['female', 'male']);
	});

	test('a new node shows both as required issues until the user chooses', () => {
		const description = byName('finpassMultiBureau');
		const node = { id: 'n', name: 'Bureau', type: description.name, typeVersion: 1, position: [0, 0], parameters: resolved(description, {}) };
		const issues = NodeHelpers.getNodeParametersIssues(description.properties, node, description);
		expect(Object.keys(issues.parameters)).toEqual(expect.arrayContaining(['gender', 'bureaus']));
	});
});

describe('the editor speaks to users, not to the package developers', () => {
	const credentials = n8n.credentials.flatMap((file) =>
		Object.values(require(path.join(root, file)))
			.filter((CredentialClass) => typeof CredentialClass === 'function')
			.map((CredentialClass) => new CredentialClass()),
	);

	/** Every text the editor shows: descriptions, hints, notices, option names and descriptions, actions. */
	function texts() {
		const out = [];
		const add = (where, text) => typeof text === 'string' && text && out.push([where, text]);
		for (const d of nodes) {
			add(`${d.name}: description`, d.description);
			walk(d.properties, (p, trail) => {
				const where = `${d.name} ${trail.join('.')}`;
				add(where, p.displayName);
				add(where, p.description);
				add(where, p.hint);
				add(where, p.placeholder);
				if (['options', 'multiOptions'].includes(p.type)) {
					for (const o of p.options ?? []) {
						add(`${where}=${o.value}`, o.name);
						add(`${where}=${o.value}`, o.description);
						add(`${where}=${o.value}`, o.action);
					}
				}
			});
		}
		for (const c of credentials) walk(c.properties, (p, trail) => {
			add(`${c.name} ${trail.join('.')}`, p.description);
			add(`${c.name} ${trail.join('.')}`, p.hint);
		});
		return out;
	}

	// The wording of notes about the vendor documents: they belong in docs/api-contract.md.
	const BANNED = [
		/\bthe documents?\b/i,
		/document's/i,
		/\bassum(ption|ed)\b/i,
		/public pages/i,
		/not (been )?published/i,
		/has not published/i,
		/\bunsure\b/i,
		/API README/i,
		/\.txt\b/,
		/npm run/i,
		/\bnot in the document/i,
	];

	test('no description, notice or option names the vendor documents, assumptions or developer commands', () => {
		const found = texts().filter(([, text]) => BANNED.some((re) => re.test(text)));
		expect(found).toEqual([]);
	});

	test('no permanent notice about unpublished paths', () => {
		const notices = [];
		for (const d of nodes) walk(d.properties, (p, trail) => p.type === 'notice' && notices.push(`${d.name} ${trail.join('.')}: ${p.displayName}`));
		expect(notices.filter((n) => /path/i.test(n))).toEqual([]);
	});

	test('every operation shows at most two option collections', () => {
		const crowded = [];
		for (const d of actionNodes) {
			for (const { value } of operationsOf(d)) {
				const shown = d.properties.filter((p) => {
					const operations = p.displayOptions?.show?.operation;
					return operations === undefined || operations.includes(value);
				});
				const collections = shown.filter((p) => ['collection', 'fixedCollection'].includes(p.type)).map((p) => p.displayName);
				if (collections.length > 2) crowded.push(`${d.name} ${value}: ${collections.join(', ')}`);
			}
		}
		expect(crowded).toEqual([]);
	});

	test('Request Options hold the pacing and, per operation, Custom Path with that endpoint as its example', () => {
		const description = byName('finpassCorporate');
		const forOperation = (operation) =>
			description.properties.find((p) => p.name === 'requestOptions' && p.displayOptions.show.operation.includes(operation));
		const names = forOperation('cinLookup').options.map((o) => o.name);
		expect(names).toEqual(['concurrency', 'path', 'extraBody', 'maxRequestsPerSecond', 'maxRetries', 'repeatBilledCalls', 'timeout']);
		expect(forOperation('cinLookup').options.find((o) => o.name === 'path').placeholder).toBe('e.g. /api/v1/corporate/cin-lookup');
		expect(forOperation('panLookup').options.find((o) => o.name === 'path').placeholder).toBe('e.g. /api/v1/corporate/pan-lookup');
		expect(description.properties.some((p) => p.name === 'advanced')).toBe(false);
	});
});

describe('Simplify (n8n: answers with more than ten fields)', () => {
	const simplify = (name) => byName(name).properties.find((p) => p.name === 'simplify');
	const expected = {
		displayName: 'Simplify',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
	};

	test('Multi-Bureau Get Credit Report: on by default, for both outputs', () => {
		expect(simplify('finpassMultiBureau')).toMatchObject(expected);
		expect(simplify('finpassMultiBureau').displayOptions.show).toEqual({ operation: ['fetchReport'] });
		const description = byName('finpassMultiBureau');
		for (const output of ['report', 'bureau']) {
			expect(resolved(description, { operation: 'fetchReport', output }).simplify).toBe(true);
		}
	});

	test('Account Aggregator Get JSON Report: on by default for One Item per Account, the output of whole accounts', () => {
		const description = byName('finpassAccountAggregator');
		expect(simplify('finpassAccountAggregator')).toMatchObject(expected);
		expect(simplify('finpassAccountAggregator').displayOptions.show).toEqual({ output: ['account'], operation: ['fetchJsonReport'] });
		expect(resolved(description, { operation: 'fetchJsonReport' })).toMatchObject({ output: 'account', simplify: true });
		// a new node: Reconcile Balances waits until Simplify is off (a simplified account has no transactions)
		expect(resolved(description, { operation: 'fetchJsonReport' })).not.toHaveProperty('reconcileBalances');
		expect(resolved(description, { operation: 'fetchJsonReport', simplify: false })).toHaveProperty('reconcileBalances', false);
		for (const output of ['report', 'transaction', 'summary']) {
			expect(resolved(description, { operation: 'fetchJsonReport', output })).not.toHaveProperty('simplify');
		}
		expect(resolved(description, { operation: 'fetchJsonReport', output: 'transaction' })).toHaveProperty('reconcileBalances', false);
	});
});

describe('Finpass EPFO: a bureau report needs the borrower\'s consent', () => {
	test('Borrower Consented is shown, required and off until the user turns it on, as on Multi-Bureau', () => {
		const consent = byName('finpassEpfo').properties.find((p) => p.name === 'consent');
		expect(consent).toMatchObject({ displayName: 'Borrower Consented', type: 'boolean', required: true, default: false });
		expect(consent.description).toMatch(/CRIF credit report/);
		const multiBureau = byName('finpassMultiBureau').properties.find((p) => p.name === 'consent');
		expect(multiBureau).toMatchObject({ displayName: 'Borrower Consented', type: 'boolean', required: true, default: false });
	});
});
