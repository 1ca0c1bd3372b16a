// Get Early-Warning Signals and Mark Signals Alerted in the Underwriting Insights node, over the
// simulator's monitoring scenario (data that grow with each refresh, a refresh quota), with n8n's
// deduplication helpers faked (test/helpers/dedup.js) so several runs share one memory.
const { createContext, DIST } = require('../helpers/context');
const { deduplicationStore, withDeduplication } = require('../helpers/dedup');
const { useSimulator } = require('../helpers/simulator');
const { FinpassInsights } = require(`${DIST}/nodes/FinpassInsights/FinpassInsights.node.js`);
const { FinpassAccountAggregator } = require(`${DIST}/nodes/FinpassAccountAggregator/FinpassAccountAggregator.node.js`);

const env = useSimulator({ consentDelayMs: 0, dataDelayMs: 0, resetEachTest: true });

async function run(NodeClass, options, store) {
	const ctx = createContext(options);
	if (store) withDeduplication(ctx, store);
	return new NodeClass().execute.call(ctx);
}
const aa = (parameters) => run(FinpassAccountAggregator, { parameters: { resource: 'accountAggregator', ...parameters }, credentials: env.credentials });
const insights = (operation, items, parameters, store) =>
	run(FinpassInsights, { nodeType: 'n8n-nodes-finpass.finpassInsights', parameters: { resource: 'bankTransactions', operation, ...parameters }, items }, store);

async function monitoredClient(refreshLimit = 2) {
	const [[init]] = await aa({ operation: 'initConsent', mobileNumber: '9876543210', consentType: 'loan_monitoring', additionalFields: {} });
	const clientId = init.json.client_id;
	await env.control(`/__sim/aa/clients/${clientId}`, { consent: 'approved', data: 'ready', monitoring: true, refreshLimit });
	return clientId;
}
async function refreshAndFetch(clientId) {
	const [[refreshed]] = await aa({ operation: 'refreshData', clientId });
	const [report] = await aa({ operation: 'fetchJsonReport', clientId, requestId: refreshed.json.request_id, output: 'report', waitForCompletion: true, maxWaitSeconds: 5, pollIntervalSeconds: 0.1 });
	return report;
}

describe('Get Early-Warning Signals over the monitoring scenario', () => {
	test('refresh 1 (four clean months): nothing; refresh 2 (salary missing, EMI bounce, loan credit): exactly those; the quota then answers 422', async () => {
		const clientId = await monitoredClient();
		const [[first]] = await insights('getSignals', await refreshAndFetch(clientId), {});
		expect(first.json).toMatchObject({ borrower: clientId, as_of: '2026-04-30', data_from: '2026-01-01', signals_count: 0, signals: [] });

		const [[second]] = await insights('getSignals', await refreshAndFetch(clientId), {});
		expect(second.json.as_of).toBe('2026-05-31');
		expect(second.json.signals.map((s) => s.kind).sort()).toEqual(['emi_bounced', 'new_loan_credit', 'salary_missing']);
		const bounce = second.json.signals.find((s) => s.kind === 'emi_bounced');
		expect(bounce.message).toBe('Instalment or mandate of ₹12,500.00 returned unpaid on 2026-05-06 and ₹590.00 in charges: "ACH RTN/HDFC BANK LOAN EMI/INSUFFICIENT FUNDS".');
		expect(second.pairedItem).toEqual([{ item: 0 }]);

		const error = await aa({ operation: 'refreshData', clientId }).catch((e) => e);
		expect(error.message).toMatch(/limit exceeded for this month/);
	});

	test('only new: a signal alerts until Mark Signals Alerted confirms it, then not again; once cleared it comes back', async () => {
		const clientId = await monitoredClient(5);
		await refreshAndFetch(clientId);
		const may = await refreshAndFetch(clientId);
		const store = deduplicationStore();
		const onlyNew = (items, parameters = {}) => insights('getSignals', items, { onlyNew: true, remember: 'confirmed', output: 'signal', ...parameters }, store);

		const [alerts] = await onlyNew(may);
		expect(alerts.map((a) => a.json.kind).sort()).toEqual(['emi_bounced', 'new_loan_credit', 'salary_missing']);
		expect(alerts.every((a) => a.json.new === true)).toBe(true);
		// The alert step failed (no Mark Signals Alerted ran): the next run alerts again.
		expect(await onlyNew(may)).toEqual([alerts]);
		const [marked] = await insights('markAlerted', alerts, { signalId: (i) => alerts[i].json.id }, store);
		expect(marked.map((m) => m.json.alerted)).toEqual([true, true, true]);
		expect(marked.map((m) => m.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(await onlyNew(may)).toEqual([[]]);

		// Per borrower: every signal listed, none new.
		const [[borrower]] = await onlyNew(may, { output: 'borrower' });
		expect(borrower.json).toMatchObject({ signals_count: 3, new_signals_count: 0, new_signals: [] });

		// Salary missing is a state: as of 6 May (within the grace) it has cleared, and is forgotten; as of 31 May it is new again.
		expect(await onlyNew(may, { asOf: '2026-05-06' })).toEqual([[]]);
		const [again] = await onlyNew(may);
		expect(again.map((a) => a.json.kind)).toEqual(['salary_missing']);
	});

	test('At Once remembers the signals without a confirming node', async () => {
		const clientId = await monitoredClient(5);
		await refreshAndFetch(clientId);
		const may = await refreshAndFetch(clientId);
		const store = deduplicationStore();
		const [first] = await insights('getSignals', may, { onlyNew: true, remember: 'now', output: 'signal' }, store);
		expect(first).toHaveLength(3);
		expect(await insights('getSignals', may, { onlyNew: true, remember: 'now', output: 'signal' }, store)).toEqual([[]]);
	});

	test('thresholds are read per borrower and checked; a wrong As Of stops before anything is computed', async () => {
		const clientId = await monitoredClient();
		const april = await refreshAndFetch(clientId);
		const error = await insights('getSignals', april, { thresholds: { graceDays: 'soon' } }).catch((e) => e);
		expect(error.message).toBe('Thresholds → Grace Days: "soon" is not a number of 0 or more');
		const wrongDate = await insights('getSignals', april, { asOf: '31/05/2026' }).catch((e) => e);
		expect(wrongDate.message).toBe('As Of: "31/05/2026" is not a date (YYYY-MM-DD)');
		// As of 7 May on April's data: salary missing already (usual day 1 + 5 grace days).
		const [[late]] = await insights('getSignals', april, { asOf: '2026-05-07' });
		expect(late.json.signals.map((s) => s.kind)).toEqual(['salary_missing']);
		const [[graceful]] = await insights('getSignals', april, { asOf: '2026-05-07', thresholds: { graceDays: 6 } });
		expect(graceful.json.signals).toEqual([]);
	});

	test('several borrowers in one run: unusable items first (Continue On Fail), then each borrower paired with its own items', async () => {
		const a = await monitoredClient();
		const b = await monitoredClient();
		const [reportA] = await refreshAndFetch(a);
		const [reportB] = await refreshAndFetch(b);
		const items = [reportB, { json: { client_id: a, note: 'no transactions' } }, reportA, { json: { note: 'nobody' } }];
		const ctx = { nodeType: 'n8n-nodes-finpass.finpassInsights', parameters: { resource: 'bankTransactions', operation: 'getSignals' }, items, continueOnFail: true };
		const [out] = await run(FinpassInsights, ctx);
		expect(out.map((o) => [o.json.borrower ?? 'error', o.pairedItem])).toEqual([
			['error', { item: 1 }],
			['error', { item: 3 }],
			[b, [{ item: 0 }]],
			[a, [{ item: 2 }]],
		]);
		const stopped = await run(FinpassInsights, { ...ctx, continueOnFail: false }).catch((e) => e);
		expect(stopped.context.itemIndex).toBe(1);
		expect(items[1].json).toEqual({ client_id: a, note: 'no transactions' });
	});
});
