/**
 * Calendar arithmetic on day numbers (days since 1970-01-01), without Date objects: the
 * insights read tens of thousands of timestamps, and a Date per row costs more than the rest.
 * Timestamps are read as India time (IST, UTC+5:30): zoned ones are converted, unzoned ones and
 * plain dates are taken as written.
 */

const DAY_MS = 86400000;
const IST_MS = 19800000;

/** Day number of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayNumber(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

export interface DayInfo {
	/** "2025-01-31" */
	date: string;
	/** "2025-01" */
	monthText: string;
	/** year × 12 + month − 1: consecutive months differ by 1. */
	month: number;
	dayOfMonth: number;
	/** Days in this day's month. */
	monthLength: number;
}

const cache = new Map<number, DayInfo>();
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function dayInfo(day: number): DayInfo {
	let info = cache.get(day);
	if (info) return info;
	const z = day + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
	const monthText = `${year}-${pad(month)}`;
	const monthLength = dayNumber(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayNumber(year, month, 1);
	info = { date: `${monthText}-${pad(dayOfMonth)}`, monthText, month: year * 12 + month - 1, dayOfMonth, monthLength };
	if (cache.size > 100000) cache.clear();
	cache.set(day, info);
	return info;
}

export const dateOf = (day: number): string => dayInfo(day).date;

/** Result of `readWhen`, kept in module variables so reading a row allocates nothing. */
export const when = { day: 0, time: 0 };

const digit = (text: string, at: number): number => {
	const code = text.charCodeAt(at) - 48;
	return code >= 0 && code <= 9 ? code : NaN;
};
const two = (text: string, at: number): number => digit(text, at) * 10 + digit(text, at + 1);

/**
 * Reads "2025-01-31", "2025-01-31T10:00:00", "…+05:30", "…Z" (fractions of a second allowed)
 * into `when` (IST day, epoch ms). False when the text is not such a timestamp.
 */
export function readWhen(text: string): boolean {
	const n = text.length;
	if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
	const year = two(text, 0) * 100 + two(text, 2);
	const month = two(text, 5);
	const date = two(text, 8);
	if (!(month >= 1 && month <= 12 && date >= 1 && date <= 31) || Number.isNaN(year)) return false;
	const day = dayNumber(year, month, date);
	if (n === 10) {
		when.day = day;
		when.time = day * DAY_MS - IST_MS;
		return true;
	}
	const sep = text.charCodeAt(10);
	if ((sep !== 84 && sep !== 32) || n < 16 || text.charCodeAt(13) !== 58) return false;
	let ms = day * DAY_MS + two(text, 11) * 3600000 + two(text, 14) * 60000;
	let at = 16;
	if (at < n && text.charCodeAt(at) === 58) {
		ms += two(text, 17) * 1000;
		at = 19;
		if (at < n && text.charCodeAt(at) === 46) {
			at++;
			let scale = 100;
			while (at < n && digit(text, at) >= 0) {
				ms += digit(text, at) * scale;
				scale /= 10;
				at++;
			}
			ms = Math.floor(ms);
		}
	}
	if (Number.isNaN(ms)) return false;
	if (at === n) {
		// No zone: India time as written.
		when.day = day;
		when.time = ms - IST_MS;
		return true;
	}
	const zone = text.charCodeAt(at);
	let offset: number;
	if ((zone === 90 || zone === 122) && at + 1 === n) offset = 0;
	else if ((zone === 43 || zone === 45) && (n - at === 6 || n - at === 5)) {
		const minutes = n - at === 6 ? two(text, at + 4) : two(text, at + 3);
		offset = (zone === 45 ? -1 : 1) * (two(text, at + 1) * 3600000 + minutes * 60000);
		if (Number.isNaN(offset)) return false;
	} else return false;
	const utc = ms - offset;
	when.time = utc;
	when.day = Math.floor((utc + IST_MS) / DAY_MS);
	return true;
}
