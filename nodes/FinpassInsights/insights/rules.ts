/**
 * The rules behind every insight, as plain data: the one place to read (and extend) how
 * narrations are recognised and which thresholds apply. docs/insights.md explains each list.
 *
 * Patterns are words or phrases matched as whole words in the narration, in any case:
 * "SAL" matches "NEFT/SAL/ACME" but not "WHOLESALE". A trailing "*" matches any ending
 * ("DISHONO*" matches "DISHONOUR" and "DISHONORED"). Narrations differ per bank: users add
 * their own words in the node (Rules → Extra … Patterns); the defaults stay.
 */
export interface InsightRules {
	/** Credits that are salary by their narration. */
	salary: string[];
	/** Debits that are loan instalments or mandates (NACH/ECS/ACH/SI/EMI …): obligations. */
	obligation: string[];
	/** Mandate words (a subset of the obligations: the instrument, not the purpose). */
	mandate: string[];
	/** EMI and loan markers. */
	emi: string[];
	/** Lenders (banks' loan arms, NBFCs, digital lenders): a debit to one is an obligation, a credit from one a loan disbursal. */
	lenders: string[];
	/** Credits that are loan disbursals by their words. */
	disbursal: string[];
	/** Refund, reversal and cashback credits (never income). */
	refund: string[];
	/** Credit-card bill payments. */
	cardBill: string[];
	/** Channel words (also matched against the row's `mode`). */
	upi: string[];
	bankTransfer: string[];
	cheque: string[];
	/** Bounce direction and reason words. */
	inward: string[];
	outward: string[];
	insufficientFunds: string[];
	technical: string[];
	/** Bounced or returned cheques and mandates. */
	bounce: string[];
	/** Charges (bank penalties) that follow a bounce. */
	penalty: string[];
	/** Cash: a credit is a deposit, a debit a withdrawal. Also matched against the row's `mode`. */
	cash: string[];
	/** Transfers between the borrower's own accounts (never income, never an obligation). */
	ownTransfer: string[];
	/** The borrower's own account numbers: a narration naming one is an own-account transfer. */
	ownAccountNumbers: string[];
	/**
	 * Words ignored when naming the counterparty of a row (channel codes, months, directions).
	 * What remains of the narration, without numbers, is the payee or source key.
	 */
	ignoredWords: string[];
	/** A recurring credit or debit is seen in at least this many different months. */
	recurringMinMonths: number;
	/** About monthly: on average at most this many rows per month seen. */
	recurringMaxPerMonth: number;
	/** A recurring row falls within this many days of the group's usual day of the month. */
	recurringDayWindow: number;
	/** At least this share (%) of a counterparty's rows of one amount fall on that usual day. */
	recurringOnDayPercent: number;
	/** An obligation counts in the monthly total when last seen within this many months of the period's end. */
	activeWithinMonths: number;
	/** Amounts within this percentage of the group's median count as the same recurring amount. */
	amountTolerancePercent: number;
	/** A penalty charge belongs to a bounce when it comes at most this many days after it. */
	penaltyWindowDays: number;
	/** A credit from the same account within this many days of a debit of the same amount in another of the borrower's accounts is an own-account transfer. */
	ownTransferWindowDays: number;
	/** A one-off credit of at least this many paise is flagged as a large credit. */
	largeCreditPaise: number;
	/** A round-figure transaction is at least this many paise … */
	roundFigureMinPaise: number;
	/** … and a whole multiple of this many paise. */
	roundFigureStepPaise: number;
	/** Rotation: a credit from the counterparty a debit went to, within this many days (amount within the tolerance). */
	rotationWindowDays: number;
	/** A rapid balance drop: the balance falls by at least this share (%) … */
	rapidDropPercent: number;
	/** … within this many hours … */
	rapidDropHours: number;
	/** … from a balance of at least this many paise. */
	rapidDropMinPaise: number;
	/** Salary later than its usual day by more than this many days is delayed. */
	salaryGraceDays: number;
	/** Counterparties listed by credits and by debits. */
	topCounterparties: number;
	/** Days of the month whose end-of-day balance makes up the ABB; 0 means the month's last day. */
	abbDays: number[];
}

export const DEFAULT_RULES: Readonly<InsightRules> = Object.freeze({
	salary: ['SALARY', 'SAL', 'SALARIES', 'PAYROLL', 'WAGES', 'STIPEND'],
	obligation: ['NACH', 'ENACH', 'ECS', 'ACH', 'EMI', 'MANDATE', 'LOAN', 'AUTO DEBIT', 'SI'],
	mandate: ['NACH', 'ENACH', 'ECS', 'ACH', 'MANDATE', 'AUTO DEBIT', 'SI'],
	emi: ['EMI', 'EMIS', 'LOAN', 'LN', 'INSTALMENT', 'INSTALLMENT'],
	lenders: [
		'BAJAJ FIN*', 'HDB FIN*', 'TATA CAPITAL', 'ADITYA BIRLA FIN*', 'L&T FIN*', 'MAHINDRA FIN*', 'SHRIRAM FIN*',
		'MUTHOOT*', 'MANAPPURAM', 'IIFL', 'FULLERTON', 'HERO FINCORP', 'CHOLAMANDALAM', 'POONAWALLA', 'PIRAMAL',
		'LIC HOUSING', 'PNB HOUSING', 'HOME CREDIT', 'KREDITBEE', 'MONEYVIEW', 'MONEY VIEW', 'NAVI FIN*', 'CASHE',
		'FIBE', 'EARLYSALARY', 'LENDINGKART', 'INDIALENDS', 'NBFC', 'FINANCE', 'FINCORP', 'FINSERV', 'HOUSING FIN*',
	],
	disbursal: ['DISB*', 'LOAN CR', 'LOAN CREDIT', 'LOAN PROCEEDS', 'LOAN AMT'],
	refund: ['REFUND*', 'RFND', 'REVERSAL', 'REVERSED', 'REV', 'CHARGEBACK', 'CASHBACK'],
	cardBill: ['CREDIT CARD', 'CREDITCARD', 'CC PAYMENT', 'CC PMT', 'CC BILL', 'CARD BILL', 'CRED'],
	upi: ['UPI', 'BHIM'],
	bankTransfer: ['NEFT', 'RTGS', 'IMPS', 'FT'],
	cheque: ['CHQ', 'CHEQUE', 'CLG', 'CLEARING', 'CTS'],
	inward: ['INWARD', 'I/W', 'IW', 'INW'],
	outward: ['OUTWARD', 'O/W', 'OW', 'OUTW'],
	insufficientFunds: ['INSUFFICIENT', 'INSUFF*', 'INSUF', 'NSF', 'EXCEEDS ARRANGEMENT', 'FUNDS INSUFFICIENT'],
	technical: ['TECHNICAL', 'TECH', 'SIGNATURE*', 'MISMATCH', 'INVALID', 'STALE', 'ALTERATION*', 'MANDATE NOT*', 'TIMEOUT', 'TIME OUT'],
	bounce: [
		'RTN',
		'RETURN*',
		'RET',
		'BOUNCE*',
		'INSUFFICIENT',
		'INSUFF*',
		'INSUF',
		'DISHONO*',
		'UNPAID',
		'REJECT*',
	],
	penalty: ['CHG', 'CHGS', 'CHRG', 'CHRGS', 'CHARGE', 'CHARGES', 'PENALTY', 'PENAL', 'FEE', 'FEES'],
	cash: ['CASH', 'ATM', 'ATW', 'NWD', 'CDM', 'CASH DEP', 'CASH WDL'],
	ownTransfer: ['SELF', 'OWN ACCOUNT', 'OWN A/C', 'OWN AC', 'SWEEP'],
	ownAccountNumbers: [],
	ignoredWords: [
		'NEFT', 'IMPS', 'UPI', 'RTGS', 'NACH', 'ECS', 'ACH', 'CR', 'DR', 'TRF', 'TRANSFER', 'TO', 'FROM', 'BY',
		'INB', 'MB', 'IB', 'REF', 'NO', 'CREDIT', 'DEBIT', 'PAYMENT', 'A', 'C', 'AC', 'D', 'SAL', 'SALARY',
		'EMI', 'FOR', 'THE', 'OF', 'P2A', 'P2M', 'MANDATE', 'AUTO', 'SI',
		'JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'SEPT', 'OCT', 'NOV', 'DEC',
		'JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER',
		'NOVEMBER', 'DECEMBER',
	],
	recurringMinMonths: 3,
	recurringMaxPerMonth: 1.5,
	recurringDayWindow: 4,
	recurringOnDayPercent: 75,
	activeWithinMonths: 2,
	amountTolerancePercent: 10,
	penaltyWindowDays: 7,
	ownTransferWindowDays: 1,
	largeCreditPaise: 10000000, // ₹1,00,000
	roundFigureMinPaise: 1000000, // ₹10,000
	roundFigureStepPaise: 100000, // ₹1,000
	rotationWindowDays: 3,
	rapidDropPercent: 90,
	rapidDropHours: 24,
	rapidDropMinPaise: 1000000, // ₹10,000
	salaryGraceDays: 5,
	topCounterparties: 5,
	abbDays: [5, 10, 15, 20, 25, 0],
});

/** What the user adds in the node; every list extends the default one. */
export interface RuleExtensions {
	salary?: string[];
	obligation?: string[];
	bounce?: string[];
	penalty?: string[];
	cash?: string[];
	ownTransfer?: string[];
	ownAccountNumbers?: string[];
	lenders?: string[];
	recurringMinMonths?: number;
	amountTolerancePercent?: number;
	penaltyWindowDays?: number;
	largeCreditPaise?: number;
	abbDays?: number[];
}

export function withExtensions(extra: RuleExtensions = {}): InsightRules {
	const join = (base: readonly string[], more?: string[]) => [...base, ...(more ?? []).filter((word) => word.trim() !== '')];
	return {
		...DEFAULT_RULES,
		salary: join(DEFAULT_RULES.salary, extra.salary),
		obligation: join(DEFAULT_RULES.obligation, extra.obligation),
		bounce: join(DEFAULT_RULES.bounce, extra.bounce),
		penalty: join(DEFAULT_RULES.penalty, extra.penalty),
		cash: join(DEFAULT_RULES.cash, extra.cash),
		ownTransfer: join(DEFAULT_RULES.ownTransfer, extra.ownTransfer),
		ownAccountNumbers: join(DEFAULT_RULES.ownAccountNumbers, extra.ownAccountNumbers),
		ignoredWords: [...DEFAULT_RULES.ignoredWords],
		lenders: join(DEFAULT_RULES.lenders, extra.lenders),
		recurringMinMonths: extra.recurringMinMonths ?? DEFAULT_RULES.recurringMinMonths,
		amountTolerancePercent: extra.amountTolerancePercent ?? DEFAULT_RULES.amountTolerancePercent,
		penaltyWindowDays: extra.penaltyWindowDays ?? DEFAULT_RULES.penaltyWindowDays,
		largeCreditPaise: extra.largeCreditPaise ?? DEFAULT_RULES.largeCreditPaise,
		abbDays: extra.abbDays ?? [...DEFAULT_RULES.abbDays],
	};
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * One regular expression for a word list: whole words (letters and digits are word
 * characters), any case, "*" at the end for any ending, spaces matching any run of
 * separators ("CHQ RET" matches "CHQ/RET" and "CHQ  RET").
 */
export function wordMatcher(words: readonly string[]): RegExp | undefined {
	const alternatives = words
		.map((word) => word.trim().toUpperCase())
		.filter((word) => word !== '' && word !== '*')
		.map((word) => {
			const open = word.endsWith('*');
			const core = (open ? word.slice(0, -1) : word)
				.split(/[^A-Z0-9/]+/)
				.filter(Boolean)
				.map(escape)
				.join('[^A-Z0-9]+');
			return open ? `${core}[A-Z0-9]*` : core;
		})
		.filter((source) => source !== '');
	if (alternatives.length === 0) return undefined;
	return new RegExp(`(?:^|[^A-Z0-9])(?:${alternatives.join('|')})(?![A-Z0-9])`);
}

/** The ABB days as the user writes them: "5,10,15,20,25,last" → [5, 10, 15, 20, 25, 0]. */
export function parseAbbDays(text: string): number[] | string {
	const days: number[] = [];
	for (const part of text.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean)) {
		if (part === 'last') days.push(0);
		else if (/^\d+$/.test(part) && Number(part) >= 1 && Number(part) <= 31) days.push(Number(part));
		else return `"${part}" is not a day of the month (1 to 31, or "last")`;
	}
	if (days.length === 0) return 'no day given';
	return [...new Set(days)];
}
