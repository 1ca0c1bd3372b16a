import type { Operation } from '../../shared/framework/operation';
import { fetchJsonReport } from './fetchJsonReport.operation';
import { fetchPdfReport } from './fetchPdfReport.operation';
import { initConsent } from './initConsent.operation';
import { initConsentAndWait } from './initConsentAndWait.operation';
import { refreshData } from './refreshData.operation';

/**
 * The node's operations, in the order its Operation list shows them: alphabetical, as n8n wants
 * for five options or more. Adding one: its file and one line here.
 */
export const operations = [
	fetchJsonReport,
	fetchPdfReport,
	initConsent,
	initConsentAndWait,
	refreshData,
] as const satisfies readonly Operation[];
