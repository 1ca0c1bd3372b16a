import type { OperationMap } from '../../shared/router';
import { fetchJsonReport } from './fetchJsonReport.operation';
import { fetchPdfReport } from './fetchPdfReport.operation';
import { initConsent } from './initConsent.operation';
import { initConsentAndWait } from './initConsentAndWait.operation';
import { refreshData } from './refreshData.operation';

/** Adding an operation: one file beside this one and one line here (and its entry in the node's list). */
export const operations: OperationMap = {
	initConsent,
	initConsentAndWait,
	fetchJsonReport,
	fetchPdfReport,
	refreshData,
};
