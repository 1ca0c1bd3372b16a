import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { choiceProperty } from '../framework/descriptions';

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

/**
 * "Borrower Consented": a bureau pull is billed and leaves an inquiry on the borrower's credit
 * file, so the node sends nothing until the user confirms the borrower agreed to it.
 */
export function borrowerConsentProperty(description: string): INodeProperties {
	return { displayName: 'Borrower Consented', name: 'consent', type: 'boolean', default: false, required: true, description };
}

/** Fails the item before any request unless Borrower Consented is on. */
export function requireBorrowerConsent(fn: IExecuteFunctions, i: number, what: string): void {
	if (fn.getNodeParameter('consent', i, false) === true) return;
	throw new NodeOperationError(fn.getNode(), `Borrower Consented is off: ${what} needs the borrower's consent`, {
		itemIndex: i,
		description: 'Nothing was sent to the API for this item. Turn on "Borrower Consented" only once the borrower has agreed to the credit check.',
	});
}

/**
 * n8n's Simplify switch for answers with more than ten fields: on (the default), the node returns
 * the fields a user acts on; off, the data as the API sends it.
 */
export function simplifyProperty(displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		...(displayOptions ? { displayOptions } : {}),
		description: 'Whether to return a simplified version of the response instead of the raw data',
	};
}
