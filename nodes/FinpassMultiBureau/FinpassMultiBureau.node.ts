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

export class FinpassMultiBureau implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass Multi-Bureau',
		name: 'finpassMultiBureau',
		icon: { light: 'file:finpassMultiBureau.svg', dark: 'file:finpassMultiBureau.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			"Pull a borrower's credit reports and scores from several Indian credit bureaus (Equifax, Experian, CIBIL, CRIF) in one call via Finpass",
		documentationUrl: 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass#finpass-multi-bureau',
		defaults: { name: 'Finpass Multi-Bureau' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finpassApi', required: true }],
		properties: actionProperties({
			resource: { name: 'Credit Report', value: 'creditReport' },
			operations,
			defaultOperation: 'fetchReport',
		}),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}
}
