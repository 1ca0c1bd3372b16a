'use strict';
// Prints the endpoint contract (packages/simulator/lib/contract.js) as the markdown table in
// docs/api-contract.md: node test/contract/table.js
const { ENDPOINTS } = require('../../packages/simulator/lib/contract');

const fields = (spec) =>
	Object.entries(spec || {})
		.map(([name, s]) => `${name}${s.required ? '' : '?'}: ${s.type === 'flag' ? '"true"' : s.type}`)
		.join(', ');

function table() {
	const rows = ENDPOINTS.map((e) => {
		const body = e.multipart ? `multipart {${fields(e.multipart)}}` : e.json ? `{${fields(e.body)}}` : '—';
		const query = e.query ? fields(e.query) : '—';
		const notes = [e.billed ? 'billed' : '', e.assumption ? `assumption: ${e.assumption}` : ''].filter(Boolean).join('; ');
		return `| ${e.name} | ${e.method} | \`${e.path}\` | ${query} | ${body} | ${e.source}${notes ? ` (${notes})` : ''} |`;
	});
	return ['| endpoint | method | path | query | body (JSON types) | document lines |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

module.exports = { table };
if (require.main === module) process.stdout.write(`${table()}\n`);
