import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationProperty, requestOptionsProperty, resourceProperty } from '../shared/descriptions';
import { runOperation } from '../shared/router';
import { finpass } from '../shared/transport';
import { operations } from './actions';
import { consentWaitWebhooks, consentWebhook } from './actions/initConsentAndWait.operation';

export class FinpassAccountAggregator implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass Account Aggregator',
		name: 'finpassAccountAggregator',
		icon: { light: 'file:../shared/finpass.svg', dark: 'file:../shared/finpass.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"]}}',
		description:
			"Get a borrower's consented bank data (accounts, balances, transactions, PDF statements) through India's Account Aggregator network via Finpass",
		defaults: { name: 'Finpass Account Aggregator' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'finpassApi', required: true }],
		webhooks: consentWaitWebhooks,
		properties: [
			resourceProperty('Account Aggregator', 'accountAggregator'),
			operationProperty(
				'accountAggregator',
				[
					{
						name: 'Initialize Consent',
						value: 'initConsent',
						action:
							"Start an account aggregator consent for a borrower's 10-digit mobile number (e.g. 9876543210) and get the client_id and consent link",
						description: 'Send the borrower a consent request; returns client_id and the consent redirect_url',
					},
					{
						name: 'Initialize Consent and Wait',
						value: 'initConsentAndWait',
						action:
							"Start a consent for a borrower's 10-digit mobile number and wait until the borrower approves or rejects it",
						description:
							'Pause this workflow until Finpass reports the consent decision; continues with client_id and the consent status read back from the API',
					},
					{
						name: 'Fetch JSON Report',
						value: 'fetchJsonReport',
						action:
							'Fetch the bank accounts, balances and transactions shared under a consent, by its client_id (e.g. aa_6989cbcf_a136a4017)',
						description: 'Accounts, balances and transactions shared under the consent',
					},
					{
						name: 'Fetch PDF Report',
						value: 'fetchPdfReport',
						action: 'Download the bank statement PDFs shared under a consent, by its client_id (e.g. aa_6989cbcf_a136a4017)',
						description: 'One PDF per account, as binary data',
					},
					{
						name: 'Refresh Data',
						value: 'refreshData',
						action:
							'Request fresh bank data under a loan monitoring consent, by its client_id; returns the request_id for Fetch JSON Report',
						description: 'Returns the request_id to pass to Fetch JSON Report (loan monitoring)',
					},
				],
				'fetchJsonReport',
			),
			...Object.values(operations).flatMap((operation) => operation.description),
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}

	/** Only used by Initialize Consent and Wait: the consent callback that resumes the execution. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return consentWebhook(this);
	}
}
