import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationProperty, requestOptionsProperty, resourceProperty } from '../shared/descriptions';
import { runOperation } from '../shared/router';
import { finpass } from '../shared/transport';
import { operations } from './actions';

export class FinpassAaBsa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass AA-BSA Analyzer',
		name: 'finpassAaBsa',
		icon: { light: 'file:../shared/finpass.svg', dark: 'file:../shared/finpass.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			"Analyse a borrower's bank statements fetched through India's Account Aggregator network (AA-BSA) via Finpass: start a consent journey, follow it, and read the statements and the analysis",
		defaults: { name: 'Finpass AA-BSA Analyzer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finpassApi', required: true }],
		properties: [
			resourceProperty('AA-BSA Journey', 'aaBsaJourney'),
			operationProperty(
				'aaBsaJourney',
				[
					{
						name: 'Start Journey',
						value: 'startJourney',
						action:
							"Start an account aggregator bank statement analysis for a borrower's 10-digit mobile number (e.g. 9876543210); returns client_id and the journey_url for the borrower",
						description: 'Returns client_id and the journey_url to send to the borrower',
					},
					{
						name: 'Get Status',
						value: 'getStatus',
						action:
							'Get the status of an AA bank statement analysis journey, from consent pending to analysis complete, by the client_id from Start Journey',
						description: 'From initiated and consent_pending through data fetch to analysis_complete',
					},
					{
						name: 'Get Statement Result',
						value: 'getStatementResult',
						action: 'Get the bank accounts and transactions fetched in an AA bank statement analysis journey, by its client_id',
						description: 'The statements fetched under the consent',
					},
					{
						name: 'Get Analysis',
						value: 'getAnalysis',
						action:
							'Get the bank statement analysis (summary, income, obligations, risk flags) of an AA journey, by its client_id',
						description: 'Summary, income, obligations and risk flags',
					},
				],
				'startJourney',
			),
			...Object.values(operations).flatMap((operation) => operation.description),
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}
}
