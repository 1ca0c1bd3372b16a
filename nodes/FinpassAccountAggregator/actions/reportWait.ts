import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../../shared/json';
import type { RunContext } from '../../shared/framework/operation';
import type { ApiResult, Endpoint } from '../../shared/transport';
import { timedOutItem, waitTimeoutError, waitUntil, type WaitSettings } from '../../shared/wait/wait';
import { reportState } from './reportState';

/** A bank (account or PDF) of a consent whose report is not READY yet. */
export interface NotReady {
	fip_id: unknown;
	account: unknown;
	status: unknown;
}

export type ReportRead = { result: ApiResult; notReady: NotReady[] } | { timedOut: IDataObject };

/**
 * The banks of an answer that are still PENDING: one consent can cover several banks, each with
 * its own status (account_aggregator_json[].status, reports[].status: READY, PENDING, FAILED).
 */
function banksOf(result: ApiResult): Array<NotReady & { pending: boolean; ready: boolean }> {
	const data = asObject(result.data);
	const list = Array.isArray(data.account_aggregator_json) ? data.account_aggregator_json : data.reports;
	if (!Array.isArray(list)) return [];
	return (list as unknown[]).map((entry) => {
		const bank = asObject(entry);
		const status = String(bank.status ?? 'READY').toUpperCase();
		return {
			fip_id: bank.fip_id ?? null,
			account: bank.masked_account_number ?? bank.account_number ?? bank.account_id ?? null,
			status: bank.status ?? null,
			pending: status === 'PENDING',
			ready: status === 'READY',
		};
	});
}

/**
 * Get JSON / PDF Report: sends the report request and, with Wait for Completion, waits through
 * 202 / "consent pending" answers and while any bank of the consent is still PENDING (the shared
 * wait). Consent rejected, revoked or expired end the wait at once; without waiting, a report
 * that is not ready fails with a hint. When Max Wait passes with some banks ready and others
 * still pending, the ready ones are returned and `notReady` names the rest (not an error).
 * Otherwise returns the answer, or the item to output when the wait timed out and On Timeout
 * says Return Job State.
 */
export async function fetchWhenReady(
	ctx: RunContext,
	i: number,
	endpoint: Endpoint,
	body: IDataObject,
	wait: WaitSettings,
	operation: string,
): Promise<ReportRead> {
	const clientId = String(body.client_id);
	const texts = { label: `The report for client ${clientId}`, resumeHint: `${operation} with Client ID ${clientId}` };
	let partial: ApiResult | undefined;
	const outcome = await waitUntil<ApiResult>(ctx.waitHost, i, {
		wait: { ...wait, onTimeout: 'returnState' },
		...texts,
		check: async () => {
			const result = await ctx.call(endpoint, { body, expectStatuses: [422] }, i);
			const state = reportState(result);
			if (state.kind === 'final') throw ctx.transport.apiError(result, i, state.hint);
			if (state.kind === 'ready') {
				const banks = banksOf(result);
				const pending = banks.filter((bank) => bank.pending);
				if (pending.length === 0 || !wait.enabled) return { done: true, value: result };
				partial = result;
				return { done: false, state: `${banks.length - pending.length} of ${banks.length} banks ready` };
			}
			if (!wait.enabled) {
				throw ctx.transport.apiError(
					result,
					i,
					`The report is not ready yet (${state.state}). Turn on "Wait for Completion" to wait for it.`,
				);
			}
			return { done: false, state: state.state };
		},
	});
	if (outcome.done) return withBanks(outcome.value);
	if (partial) return withBanks(partial);
	if (wait.onTimeout === 'returnState') return { timedOut: timedOutItem(body, outcome) };
	throw waitTimeoutError(ctx.waitHost, i, texts, outcome.state, outcome.waitedSeconds);
}

function withBanks(result: ApiResult): ReportRead {
	const notReady = banksOf(result)
		.filter((bank) => !bank.ready)
		.map(({ fip_id, account, status }) => ({ fip_id, account, status }));
	return { result, notReady };
}

/** Marks output items of a report some of whose banks are not READY: which ones, and that it is incomplete. */
export function withReadiness<T extends { json: IDataObject }>(items: T[], notReady: NotReady[]): T[] {
	if (notReady.length === 0) return items;
	return items.map((item) => ({ ...item, json: { ...item.json, report_complete: false, banks_not_ready: notReady } }));
}
