'use strict';
// Refusals before any request, inside a real n8n (test/e2e/workflows/retries-refusals.json):
// n8n's Retry On Fail on an operation that leaves a mark (a bureau pull), and numeric settings an
// expression leaves empty. A read keeps Retry On Fail. docs/retries.md has the rules.
const h = require('./harness');

beforeEach(() => h.sim('/reset', {}));

test('Retry On Fail is refused for a bureau pull and kept for a lookup; empty numeric settings stop the node before any request', async () => {
	const result = await h.executeFinished('retries-refusals');

	// a node-level refusal under "On Error: Continue": n8n keeps the error on the node's run
	const bureau = h.nodeError(result, 'Bureau with Retry On Fail');
	expect(bureau.name).toBe('NodeOperationError');
	expect(bureau.message).toBe('Get Credit Report cannot run with Retry On Fail on: n8n would send every item again, also those that succeeded');
	expect(await h.sim('/requests?path=/api/v1/services/multi-bureau/fetch')).toHaveLength(0);

	const [company] = h.nodeJson(result, 'Lookup with Retry On Fail');
	expect(company).toMatchObject({ cin: 'U72900KA2015PTC082988', state: 'Karnataka' });

	const concurrency = h.nodeError(result, 'Concurrency from Nothing');
	expect(concurrency.message).toBe('Request Options → Concurrency is empty: it must be a whole number from 1 to 100');
	// the one CIN request is the Retry On Fail lookup's
	expect(await h.sim('/requests?path=/api/v1/corporate/cin-lookup')).toHaveLength(1);

	const [wait] = h.nodeJson(result, 'Max Wait from Nothing');
	expect(wait.error).toBe('Max Wait (Seconds) is empty: it must be a number from 1 to 604800');
	expect(await h.sim('/requests?path=/api/v1/itr-analyzer/analyze')).toHaveLength(0);
});
