import type { INodeProperties } from 'n8n-workflow';

import { choiceProperty } from '../framework/descriptions';
import type { Endpoint } from '../transport';

// Parameters several Finpass nodes show. Only the hints differ per product; the name, type and
// validation (shared/validation) are the same everywhere.

export function panProperty(description: string, options: { required?: boolean; placeholder?: string } = {}): INodeProperties {
	return {
		displayName: 'PAN',
		name: 'pan',
		type: 'string',
		default: '',
		...(options.required ? { required: true } : {}),
		placeholder: `e.g. ${options.placeholder ?? 'ABCDE1234F'}`,
		description,
	};
}

export function mobileNumberProperty(description: string): INodeProperties {
	return {
		displayName: 'Mobile Number',
		name: 'mobileNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 9876543210',
		description,
	};
}

/** The `clientId` parameter of Finpass's asynchronous products. */
export function clientIdProperty(placeholder: string, description: string): INodeProperties {
	return { displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true, placeholder: `e.g. ${placeholder}`, description };
}

const CONSENT_TYPES = [
	{ name: 'Loan Underwriting', value: 'loan_underwriting', description: 'One-time data pull to assess a loan application' },
	{ name: 'Loan Monitoring', value: 'loan_monitoring', description: 'Repeated pulls during the loan; each needs Refresh Data' },
];

/** Mobile number and consent purpose: an Account Aggregator consent (AA init, AA-BSA journey). */
export const consentFields: INodeProperties[] = [
	mobileNumberProperty(
		"Borrower's 10-digit Indian mobile number, starting with 6-9. A leading +91 or 0 is removed. The Account Aggregator sends the consent request to this number.",
	),
	choiceProperty('Consent Type', 'consentType', CONSENT_TYPES, 'loan_underwriting', {
		description: 'Purpose the borrower is asked to consent to',
	}),
];

/** Tells the user the path is our guess (API README: *unsure*) and where to correct it. */
export function unpublishedPathNotice(endpoint: Endpoint): INodeProperties {
	return {
		displayName: `Finpass has not published this endpoint's path: the node calls ${endpoint.method} ${endpoint.path}. If your Finpass contact names another, set it under Advanced.`,
		name: 'pathNotice',
		type: 'notice',
		default: '',
	};
}
