import { FINPASS } from '../../shared/finpass/endpoints';
import { jsonItems } from '../../shared/framework/items';
import { defineOperation } from '../../shared/framework/operation';
import { requireText } from '../../shared/validation/validators';
import { readWait, waitProperties, type WaitSettings } from '../../shared/wait/wait';
import { journeyClientIdProperty, readWhenComplete } from './journey';

interface AnalysisInput {
	clientId: string;
	wait: WaitSettings;
}

export const getAnalysis = defineOperation({
	value: 'getAnalysis',
	name: 'Get Analysis',
	action: 'Get bank statement analysis of AA journey',
	description: 'Summary, income, obligations and risk flags',
	endpoint: FINPASS.aaBsaAnalysis,
	properties: [journeyClientIdProperty, ...waitProperties],
	prepare: (fn, i): AnalysisInput => ({
		clientId: requireText(fn.getNode(), fn.getNodeParameter('clientId', i), i, 'Client ID'),
		wait: readWait(fn, i),
	}),
	async run(ctx, i, { clientId, wait }) {
		const hint = `Get Analysis with Client ID ${clientId}`;
		const read = await readWhenComplete(ctx, i, clientId, FINPASS.aaBsaAnalysis, wait, hint);
		if ('timedOut' in read) return jsonItems(read.timedOut);
		return jsonItems({ client_id: clientId, ...read.data });
	},
});
