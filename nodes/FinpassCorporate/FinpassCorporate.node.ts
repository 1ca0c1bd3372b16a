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

export class FinpassCorporate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass Corporate',
		name: 'finpassCorporate',
		icon: { light: 'file:finpassCorporate.svg', dark: 'file:finpassCorporate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			'Look up Indian companies and LLPs in the corporate registry (MCA) via Finpass: by CIN, LLPIN or PAN, or find them by name',
		documentationUrl: 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass#finpass-corporate',
		defaults: { name: 'Finpass Corporate' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finpassApi', required: true }],
		properties: actionProperties({
			resource: { name: 'Company', value: 'company' },
			operations,
			defaultOperation: 'cinLookup',
		}),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}
}
