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

export class FinpassItrAnalyzer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass ITR Analyzer',
		name: 'finpassItrAnalyzer',
		icon: { light: 'file:finpassItrAnalyzer.svg', dark: 'file:finpassItrAnalyzer.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			"Analyze a taxpayer's income-tax returns (ITR) from the income-tax portal via Finpass: start an analysis with PAN and portal password, then read its status and full data",
		documentationUrl: 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass#finpass-itr-analyzer',
		defaults: { name: 'Finpass ITR Analyzer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finpassApi', required: true }],
		properties: actionProperties({
			resource: { name: 'ITR Analysis', value: 'itrAnalysis' },
			operations,
			defaultOperation: 'startAnalysis',
		}),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}
}
