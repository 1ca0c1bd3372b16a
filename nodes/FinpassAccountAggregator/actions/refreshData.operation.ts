import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { asObject, defineOperation, jsonItems } from '../../shared/router';
import { requireText } from '../../shared/validators';
import { clientIdProperty } from './fetchJsonReport.operation';

// The refresh document uses this path; the PDF document cites /api/v1/account-aggregator/refresh-data
// (no /services). The Advanced → Custom Path option switches if a tenant needs the other.
export const REFRESH_PATH = '/api/v1/services/account-aggregator/refresh-data';

const properties: INodeProperties[] = [clientIdProperty];

export const refreshData = defineOperation<IDataObject>({
	description: [
		...updateDisplayOptions({ show: { operation: ['refreshData'] } }, properties),
		advancedProperty('refreshData', REFRESH_PATH),
	],
	prepare: (fn, i) => ({ client_id: requireText(fn.getNode(), fn.getNodeParameter('clientId', i), i, 'Client ID') }),
	async run(ctx, i, body) {
		// Never retried on failure (each refresh counts against a monthly quota; 422 "limit exceeded").
		const result = await ctx.call({ method: 'POST', path: REFRESH_PATH, body, idempotent: false }, i);
		return jsonItems({ client_id: body.client_id, ...asObject(result.data) });
	},
});
