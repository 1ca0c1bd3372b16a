import { classify, Flag, matchersOf, pairOwnTransfers } from './classify';
import { Kind, type BorrowerData, type Row } from './rows';
import type { InsightRules } from './rules';

/**
 * What a lender reads into a row, for every figure that needs it (income, FOIR, bounces,
 * channels) and for the early-warning signals: one classification, from classify.ts's kind and
 * flags. Call `classifyBorrower` once on a borrower's rows (computeInsights does) before these.
 */

/** Classifies every row of a borrower (kinds, flags, payees, own-account pairs). Idempotent. */
export function classifyBorrower(borrower: BorrowerData, rules: InsightRules): void {
	const matchers = matchersOf(rules, borrower.accounts);
	for (const account of borrower.accounts) classify(account.rows, matchers);
	pairOwnTransfers(borrower.accounts, rules.ownTransferWindowDays);
}

/** A debit that counts toward FOIR: a mandate (NACH/ECS/ACH/SI), a payment to a lender, or one with an EMI/loan marker. */
export const isObligation = (row: Row): boolean => row.sign === -1 && row.kind === Kind.Mandate;

/** Why a debit is an obligation: its mandate, its lender payee, or its EMI/loan words (in that order); null when it is none. */
export function obligationBasisOf(row: Row): 'mandate' | 'lender' | 'emi marker' | null {
	if (!isObligation(row)) return null;
	if (row.flags & Flag.Mandate) return 'mandate';
	if (row.flags & Flag.Lender) return 'lender';
	return 'emi marker';
}

/** A credit of borrowed money: from a lender, or with a disbursal or loan word. Never income. */
export const isLoanDisbursal = (row: Row): boolean => row.sign === 1 && row.kind === Kind.LoanDisbursal;

/** A credit with a salary word (recognised salary by recurrence is income.ts's). */
export const isSalary = (row: Row): boolean => row.sign === 1 && row.kind === Kind.Salary;

export const isCardBillPayment = (row: Row): boolean => row.sign === -1 && row.kind === Kind.CardBill;

export const isOwnTransfer = (row: Row): boolean => row.kind === Kind.OwnTransfer;

/** A refund, reversal or cashback credit. */
export const isRefund = (row: Row): boolean => row.sign === 1 && row.kind === Kind.Refund;

/** A returned cheque or mandate (not its charge). */
export const isBounce = (row: Row): boolean => row.kind === Kind.Bounce;

/** A bank charge: after a bounce, or one with both bounce and charge words ("NACH RTN CHGS"). */
export const isBounceCharge = (row: Row): boolean => row.kind === Kind.Penalty || row.kind === Kind.BounceCharge;

/** A credit that is not income: own-account transfer, refund/reversal, bounce return, loan disbursal. */
export const isNonIncomeCredit = (row: Row): boolean =>
	row.sign === 1 && (row.kind === Kind.OwnTransfer || row.kind === Kind.Refund || row.kind === Kind.Bounce || row.kind === Kind.LoanDisbursal);

export interface BounceInfo {
	/** 'cheque' (CHQ, CLG …), 'mandate' (NACH/ECS/ACH/SI), or 'other' when the narration names neither. */
	instrument: 'cheque' | 'mandate' | 'other';
	/**
	 * 'inward': the borrower's own cheque or mandate came back unpaid (what credit policies count);
	 * 'outward': a cheque the borrower deposited came back. From the narration's words (INWARD,
	 * I/W, OUTWARD, O/W), else a mandate is inward, a returned credit inward and a returned debit
	 * outward; null when nothing says.
	 */
	direction: 'inward' | 'outward' | null;
	/** From the narration when it gives one. */
	reason: 'insufficient funds' | 'technical' | null;
}

export function bounceOf(row: Row): BounceInfo {
	const f = row.flags;
	const instrument = f & Flag.Cheque ? 'cheque' : f & Flag.Mandate ? 'mandate' : 'other';
	let direction: BounceInfo['direction'] = null;
	if (f & Flag.Inward) direction = 'inward';
	else if (f & Flag.Outward) direction = 'outward';
	else if (instrument === 'mandate') direction = 'inward';
	else if (row.kind === Kind.Bounce) direction = row.sign === 1 ? 'inward' : 'outward';
	const reason = f & Flag.InsufficientFunds ? 'insufficient funds' : f & Flag.Technical ? 'technical' : null;
	return { instrument, direction, reason };
}

/** Channels, in the order a row is given one. */
export const CHANNELS = ['card_bill', 'loan_emi', 'mandate', 'cash', 'cheque', 'upi', 'neft_rtgs_imps', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * A row's channel: card bill payment and loan EMI (debits) first, then mandate (NACH/ECS/ACH/SI),
 * cash, cheque, UPI, NEFT/RTGS/IMPS, other; by the narration's words and the row's mode.
 */
export function channelOf(row: Row): Channel {
	const f = row.flags;
	const debit = row.sign === -1;
	if (debit && row.kind === Kind.CardBill) return 'card_bill';
	if (debit && row.kind === Kind.Mandate && f & (Flag.Emi | Flag.Lender)) return 'loan_emi';
	if (f & Flag.Mandate) return 'mandate';
	if (row.kind === Kind.Cash || f & Flag.Cash) return 'cash';
	if (f & Flag.Cheque) return 'cheque';
	if (f & Flag.Upi) return 'upi';
	if (f & Flag.BankTransfer) return 'neft_rtgs_imps';
	return 'other';
}

/** A row's kind as a word (for output and for code outside the insights). */
export function kindName(row: Row): string {
	switch (row.kind) {
		case Kind.OwnTransfer:
			return 'own transfer';
		case Kind.Bounce:
			return 'bounce';
		case Kind.Penalty:
			return 'charge';
		case Kind.BounceCharge:
			return 'bounce charge';
		case Kind.Cash:
			return 'cash';
		case Kind.Salary:
			return 'salary';
		case Kind.Mandate:
			return 'obligation';
		case Kind.LoanDisbursal:
			return 'loan disbursal';
		case Kind.Refund:
			return 'refund';
		case Kind.CardBill:
			return 'card bill';
		default:
			return 'other';
	}
}
