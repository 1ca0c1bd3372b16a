import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { defineLocalOperation } from '../../shared/framework/local';
import { SIGNALS_MODE, SIGNALS_SCOPE } from './signals.operation';

const properties: INodeProperties[] = [
	{
		displayName: 'Signal ID',
		name: 'signalId',
		type: 'string',
		default: '={{ $json.id }}',
		description: "The ID of the signal each item alerted about (its ID field in Get Early-Warning Signals)",
	},
];

/**
 * Records signals as alerted, after the nodes that sent the alerts: Get Early-Warning Signals
 * with Only New Signals then leaves them out until they clear. Kept in n8n's database (the
 * deduplication helpers, workflow scope): the same list Get Early-Warning Signals reads.
 */
export const markAlerted = defineLocalOperation({
	value: 'markAlerted',
	name: 'Mark Signals Alerted',
	description: 'Put after the nodes that send the alerts: the signals count as alerted only once those succeeded',
	action: 'Mark early-warning signals as alerted',
	properties,

	async execute(fn: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = fn.getInputData();
		const continueOnFail = fn.continueOnFail();
		const ids: string[] = [];
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const id = fn.getNodeParameter('signalId', i, '') as unknown;
			if (typeof id !== 'string' || id.trim() === '') {
				const error = new NodeOperationError(fn.getNode(), 'Signal ID is empty: give the id field of a Get Early-Warning Signals item, e.g. {{ $json.id }}', { itemIndex: i });
				if (!continueOnFail) throw error;
				out.push({ json: { error: error.message }, pairedItem: { item: i } });
				continue;
			}
			ids.push(id.trim());
			const json: IDataObject = { ...items[i].json, alerted: true };
			out.push({ json, pairedItem: { item: i } });
		}
		if (ids.length) await fn.helpers.checkProcessedAndRecord([...new Set(ids)], SIGNALS_SCOPE, SIGNALS_MODE);
		return [out];
	},
});
