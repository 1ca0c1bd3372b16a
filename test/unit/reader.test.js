'use strict';
// prepareReader (nodes/shared/framework/reader.ts): what an operation's `prepare` reads items
// through. A parameter that is exactly a dragged field is read from the item once n8n has
// confirmed it gives the same; everything else goes to n8n. Here n8n is a stand-in that counts
// its calls; test/e2e/lookups.e2e.test.js compares both paths inside a real n8n.
const { DIST } = require('./../helpers/context');
const { prepareReader, jsonFieldOf } = require(`${DIST}/nodes/shared/framework/reader`);

/** A stand-in for n8n's IExecuteFunctions: evaluates `={{ $json.<f> }}` the way n8n does for these items. */
function n8nStandIn(parameters, rows, { refuse = [], differ = false } = {}) {
	const calls = { getNodeParameter: 0, getNode: 0 };
	const items = rows.map((json) => ({ json }));
	const fn = {
		getInputData: () => items,
		getNode() {
			calls.getNode++;
			return { name: 'Lookup', type: 't', typeVersion: 1, position: [0, 0], parameters: structuredClone(parameters) };
		},
		getNodeParameter(name, itemIndex, fallback) {
			calls.getNodeParameter++;
			if (!(name in parameters)) {
				if (fallback === undefined) throw new Error(`Could not get parameter "${name}"`);
				return fallback;
			}
			const raw = parameters[name];
			const field = typeof raw === 'string' ? jsonFieldOf(raw) : null;
			if (field === null) return raw;
			if (refuse.includes(field)) throw new Error(`Cannot access "${field}" due to security concerns`);
			const value = items[itemIndex].json[field];
			return differ && typeof value === 'string' ? value.toUpperCase() : value;
		},
		continueOnFail() {
			return this === fn;
		},
	};
	return { fn, calls, items };
}

describe('jsonFieldOf: which parameter values are a dragged field', () => {
	test.each([
		['={{ $json.pan }}', 'pan'],
		['={{$json.pan}}', 'pan'],
		['={{ $json["company pan"] }}', 'company pan'],
		["={{ $json['pan'] }}", 'pan'],
		['={{ $json._id2 }}', '_id2'],
	])('%s → %s', (raw, field) => expect(jsonFieldOf(raw)).toBe(field));
	test.each([
		'={{ $json.pan.trim() }}',
		'={{ $json.a.b }}',
		'={{ $json.pan }} ',
		'={{ $json.pan }}x',
		'{{ $json.pan }}',
		'=AAACA1234C',
		'={{ $json[pan] }}',
		'={{ $json[""] }}',
		'={{ ($json).pan }}',
		'={{ $("Node").item.json.pan }}',
		'={{ $json.pan || "x" }}',
	])('%s is not', (raw) => expect(jsonFieldOf(raw)).toBeNull());
});

describe('prepareReader', () => {
	const rows = [{ pan: 'AAACA1234C' }, { pan: 'BBBCB1234D' }, { pan: 42 }, { pan: null }, { pan: true }, {}, { pan: { x: 1 } }, { pan: 'CCCCC1234E' }];

	test('n8n answers the first item; the rest come from the items, with the values n8n gives', () => {
		const { fn, calls } = n8nStandIn({ pan: '={{ $json.pan }}' }, rows);
		const reader = prepareReader(fn);
		const values = rows.map((_, i) => reader.getNodeParameter('pan', i));
		expect(values).toEqual(['AAACA1234C', 'BBBCB1234D', 42, null, true, undefined, { x: 1 }, 'CCCCC1234E']);
		// item 0 (confirmation), item 5 (no such field) and item 6 (an object): n8n
		expect(calls.getNodeParameter).toBe(3);
	});
	test('when n8n gives something else for the first item, n8n answers every item', () => {
		const { fn, calls } = n8nStandIn({ pan: '={{ $json.pan }}' }, [{ pan: 'aaaca1234c' }, { pan: 'bbbcb1234d' }], { differ: true });
		const reader = prepareReader(fn);
		expect([0, 1].map((i) => reader.getNodeParameter('pan', i))).toEqual(['AAACA1234C', 'BBBCB1234D']);
		expect(calls.getNodeParameter).toBe(2);
	});
	test('a field n8n refuses is refused for every item, as n8n would', () => {
		const { fn, calls } = n8nStandIn({ pan: '={{ $json.constructor }}' }, [{ constructor: 'AAACA1234C' }, { constructor: 'AAACA1234C' }], { refuse: ['constructor'] });
		const reader = prepareReader(fn);
		expect(() => reader.getNodeParameter('pan', 0)).toThrow(/security concerns/);
		expect(() => reader.getNodeParameter('pan', 1)).toThrow(/security concerns/);
		expect(calls.getNodeParameter).toBe(2);
	});
	test('a field the item only inherits (toString) is asked of n8n', () => {
		const { fn, calls } = n8nStandIn({ pan: '={{ $json.toString }}' }, [{ pan: 'x' }, { pan: 'y' }]);
		const reader = prepareReader(fn);
		reader.getNodeParameter('pan', 0);
		reader.getNodeParameter('pan', 1);
		expect(calls.getNodeParameter).toBe(2);
	});
	test('other parameters, options, fallbacks and nested names go to n8n as they are', () => {
		const { fn, calls } = n8nStandIn({ pan: 'AAACA1234C', advanced: { path: '/x' }, cin: '={{ $json.cin }}' }, [{ cin: 'U1' }, { cin: 'U2' }]);
		const reader = prepareReader(fn);
		expect(reader.getNodeParameter('pan', 1)).toBe('AAACA1234C');
		expect(reader.getNodeParameter('advanced', 1, {})).toEqual({ path: '/x' });
		expect(reader.getNodeParameter('missing', 1, 'fallback')).toBe('fallback');
		expect(reader.getNodeParameter('cin', 1, undefined, { extractValue: true })).toBe('U2');
		expect(calls.getNodeParameter).toBe(4);
	});
	test('the node is read from n8n once per run; every other method is n8n\'s own, bound to it', () => {
		const { fn, calls, items } = n8nStandIn({ pan: 'AAACA1234C' }, rows);
		const reader = prepareReader(fn);
		const nodes = rows.map(() => reader.getNode());
		expect(new Set(nodes).size).toBe(1);
		expect(calls.getNode).toBe(1);
		expect(reader.getInputData()).toBe(items);
		const { continueOnFail } = reader;
		expect(continueOnFail()).toBe(true);
	});
	test('the items are not modified', () => {
		const { fn, items } = n8nStandIn({ pan: '={{ $json.pan }}' }, rows);
		const before = JSON.stringify(items);
		const reader = prepareReader(fn);
		rows.forEach((_, i) => reader.getNodeParameter('pan', i));
		expect(JSON.stringify(items)).toBe(before);
	});
});
