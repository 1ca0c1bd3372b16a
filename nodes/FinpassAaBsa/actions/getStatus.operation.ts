import { FINPASS } from '../../shared/finpass/endpoints';
import { jsonItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { requireText } from '../../shared/validation/validators';
import { journeyClientIdProperty } from './journey';

export const getStatus = defineOperation({
	value: 'getStatus',
	name: 'Get Journey Status',
	action: 'Get status of AA bank statement analysis journey',
	description: 'From initiated and consent_pending through data fetch to analysis_complete',
	endpoint: FINPASS.aaBsaStatus,
	properties: [journeyClientIdProperty],
	prepare: (fn, i): string => requireText(fn.getNode(), fn.getNodeParameter('clientId', i), i, 'Client ID'),
	async run(ctx, i, clientId) {
		// Returned whatever the state (a failed journey too): branch on `status` downstream.
		const result = await ctx.call(FINPASS.aaBsaStatus, { body: { client_id: clientId } }, i);
		return jsonItems({ client_id: clientId, ...asObject(result.data) });
	},
});
