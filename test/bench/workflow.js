'use strict';
// The workflow every lookup bench row runs: Manual Trigger → Set (all values as one JSON array)
// → Split Out (one item per value) → "Lookup", the node under test. Counts and times are read
// from the "Lookup" node's run.

/**
 * @param {object} o
 * @param {string} o.id         workflow id (also the row id)
 * @param {string} o.field      the item field holding a value (pan, cin)
 * @param {string[]} o.values   one item each
 * @param {string} o.listName   the Set node's name
 * @param {string} o.idBase     the first 24 characters of the node ids (one per section)
 * @param {{type: string, typeVersion: number, parameters: object, extra?: object}} o.target
 */
function lookupWorkflow({ id, field, values, listName, idBase, target }) {
	const node = (n, name, type, typeVersion, parameters, extra = {}) => ({
		id: `${idBase}${String(n).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position: [n * 220, 0],
		parameters,
		...extra,
	});
	const splitName = `One Item per ${field.toUpperCase()}`;
	return {
		id,
		name: `Bench: ${id}`,
		settings: { executionOrder: 'v1' },
		nodes: [
			node(1, 'Start', 'n8n-nodes-base.manualTrigger', 1, {}),
			node(2, listName, 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: JSON.stringify({ [field]: values }), options: {} }),
			node(3, splitName, 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: field, include: 'noOtherFields', options: {} }),
			node(4, 'Lookup', target.type, target.typeVersion, target.parameters, target.extra),
		],
		connections: {
			Start: { main: [[{ node: listName, type: 'main', index: 0 }]] },
			[listName]: { main: [[{ node: splitName, type: 'main', index: 0 }]] },
			[splitName]: { main: [[{ node: 'Lookup', type: 'main', index: 0 }]] },
		},
	};
}

module.exports = { lookupWorkflow };
