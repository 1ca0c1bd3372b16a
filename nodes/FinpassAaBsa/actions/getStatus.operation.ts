import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { advancedProperty } from '../../shared/descriptions';
import { asObject, defineOperation, jsonItems } from '../../shared/router';
import { requireText } from '../../shared/validators';
import { STATUS_PATH, clientIdProperty, readRequest } from './journey';

const properties: INodeProperties[] = [clientIdProperty];

export const getStatus = defineOperation<string>({
	description: [
		...updateDisplayOptions({ show: { operation: ['getStatus'] } }, properties),
		advancedProperty('getStatus', STATUS_PATH),
	],
	prepare: (fn, i) => requireText(fn.getNode(), fn.getNodeParameter('clientId', i), i, 'Client ID'),
	async run(ctx, i, clientId) {
		// Returned whatever the state (a failed journey too): branch on `status` downstream.
		const result = await ctx.call(readRequest(STATUS_PATH, clientId), i);
		return jsonItems({ client_id: clientId, ...asObject(result.data) });
	},
});
