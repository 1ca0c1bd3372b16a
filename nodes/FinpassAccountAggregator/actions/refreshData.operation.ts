import type { IDataObject } from 'n8n-workflow';

import { FINPASS } from '../../shared/finpass/endpoints';
import { jsonItems } from '../../shared/framework/items';
import { asObject } from '../../shared/json';
import { defineOperation } from '../../shared/framework/operation';
import { requireText } from '../../shared/validation/validators';
import { aaClientIdProperty } from './parameters';

export const refreshData = defineOperation({
	value: 'refreshData',
	name: 'Refresh Data',
	action: 'Refresh bank data under monitoring consent',
	description: 'Returns the request_id to pass to Get JSON Report (loan monitoring)',
	endpoint: FINPASS.aaRefreshData,
	properties: [aaClientIdProperty],
	prepare: (fn, i): IDataObject => ({ client_id: requireText(fn.getNode(), fn.getNodeParameter('clientId', i), i, 'Client ID') }),
	async run(ctx, i, body) {
		// Never retried on failure (each refresh counts against a monthly quota; 422 "limit exceeded").
		const result = await ctx.call(FINPASS.aaRefreshData, { body }, i);
		return jsonItems({ client_id: body.client_id, ...asObject(result.data) });
	},
});
