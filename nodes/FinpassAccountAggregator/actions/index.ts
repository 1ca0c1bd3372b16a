import type { Operation } from '../../shared/framework/operation';
import { fetchJsonReport } from './fetchJsonReport.operation';
import { fetchPdfReport } from './fetchPdfReport.operation';
import { initConsent } from './initConsent.operation';
import { initConsentAndWait } from './initConsentAndWait.operation';
import { refreshData } from './refreshData.operation';

/** The node's operations, in the order its Operation list shows them. Adding one: its file and one line here. */
export const operations = [
	initConsent,
	initConsentAndWait,
	fetchJsonReport,
	fetchPdfReport,
	refreshData,
] as const satisfies readonly Operation[];
