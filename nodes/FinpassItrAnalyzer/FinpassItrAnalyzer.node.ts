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

export class FinpassItrAnalyzer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass ITR Analyzer',
		name: 'finpassItrAnalyzer',
		icon: { light: 'file:../shared/finpass.svg', dark: 'file:../shared/finpass.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			"Analyse a taxpayer's income-tax returns (ITR) from the income-tax portal via Finpass: start an analysis with PAN and portal password, then read its status and full data",
		defaults: { name: 'Finpass ITR Analyzer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finpassApi', required: true }],
		properties: [
			resourceProperty('ITR Analysis', 'itrAnalysis'),
			operationProperty(
				'itrAnalysis',
				[
					{
						name: 'Start Analysis',
						value: 'startAnalysis',
						action:
							"Start an income-tax return (ITR) analysis with the taxpayer's PAN (10 characters, e.g. ABCDE1234F) and income-tax portal password; returns a job_id",
						description:
							'Returns the job_id; with Wait for Completion, waits for the analysis and returns its full data',
					},
					{
						name: 'Get Status',
						value: 'getStatus',
						action: 'Get the status of an ITR analysis (initiated, processing, completed or failed) by the job_id from Start Analysis',
						description: 'One of initiated, processing, completed or failed',
					},
					{
						name: 'Get Full Data',
						value: 'getFullData',
						action: 'Get everything an ITR analysis extracted from the returns, by the job_id of a completed analysis',
						description: 'Everything the analysis extracted from the returns, once the job has completed',
					},
				],
				'startAnalysis',
			),
			...Object.values(operations).flatMap((operation) => operation.description),
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}
}
