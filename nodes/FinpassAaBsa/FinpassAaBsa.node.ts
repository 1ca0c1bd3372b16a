import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { actionProperties, operationSubtitle } from '../shared/framework/descriptions';
import { runOperation } from '../shared/framework/router';
import { finpass } from '../shared/transport';
import { operations } from './actions';

export class FinpassAaBsa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass AA-BSA Analyzer',
		name: 'finpassAaBsa',
		icon: { light: 'file:finpassAaBsa.svg', dark: 'file:finpassAaBsa.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			"Analyze a borrower's bank statements fetched through India's Account Aggregator network (AA-BSA) via Finpass: start a consent journey, follow it, and read the statements and the analysis",
		documentationUrl: 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass#finpass-aa-bsa-analyzer',
		defaults: { name: 'Finpass AA-BSA Analyzer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finpassApi', required: true }],
		properties: actionProperties({
			resource: { name: 'AA-BSA Journey', value: 'aaBsaJourney' },
			operations,
			defaultOperation: 'startJourney',
		}),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}
}
