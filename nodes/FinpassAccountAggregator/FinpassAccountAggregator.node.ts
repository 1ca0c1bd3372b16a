import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { actionProperties, operationSubtitle } from '../shared/framework/descriptions';
import { runOperation } from '../shared/framework/router';
import { finpass } from '../shared/transport';
import { testWebhookCredential } from '../shared/triggers/credentials';
import { operations } from './actions';
import { consentWaitWebhooks, consentWebhook } from './actions/consentCallback';

export class FinpassAccountAggregator implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Finpass Account Aggregator',
		name: 'finpassAccountAggregator',
		icon: { light: 'file:finpassAccountAggregator.svg', dark: 'file:finpassAccountAggregator.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description:
			"Get a borrower's consented bank data (accounts, balances, transactions, PDF statements) through India's Account Aggregator network via Finpass",
		documentationUrl: 'https://github.com/n8n-nodes-finpass/n8n-nodes-finpass#finpass-account-aggregator',
		defaults: { name: 'Finpass Account Aggregator' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [
			{ name: 'finpassApi', required: true },
			// only to add a Finpass Trigger's token to Initialize Consent's webhook URL at run time
			{
				name: 'finpassWebhookApi',
				required: true,
				testedBy: 'finpassWebhookSecret',
				displayOptions: { show: { operation: ['initConsent'], appendTriggerToken: [true] } },
			},
		],
		webhooks: consentWaitWebhooks,
		properties: actionProperties({
			resource: { name: 'Account Aggregator', value: 'accountAggregator' },
			operations,
			defaultOperation: 'fetchJsonReport',
		}),
	};

	methods = { credentialTest: { finpassWebhookSecret: testWebhookCredential } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return runOperation(this, finpass, operations);
	}

	/** Only used by Initialize Consent and Wait: the consent callback that resumes the execution. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return consentWebhook(this);
	}
}
