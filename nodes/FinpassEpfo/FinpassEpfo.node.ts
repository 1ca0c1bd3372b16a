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

export class FinpassEpfo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass EPFO',
		name: 'finpassEpfo',
		icon: { light: 'file:finpassEpfo.svg', dark: 'file:finpassEpfo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			"Get a borrower's provident fund (EPFO) employment history together with a CRIF credit report, by mobile number, via Finpass",
		documentationUrl: 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass#finpass-epfo',
		defaults: { name: 'Finpass EPFO' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finpassApi', required: true }],
		properties: actionProperties({
			resource: { name: 'Employment', value: 'employment' },
			operations,
			defaultOperation: 'epfoCrifReport',
		}),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}
}
