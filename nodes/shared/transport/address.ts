/**
 * Which hosts a downloaded link may point at, decided from the host text alone (no DNS, no
 * traffic): a pure function, so every rule is tested on literal addresses.
 *
 * A report link is a pre-signed URL on the vendor's storage, on the public internet. A link, or a
 * redirect, that points inside the network n8n runs in (the machine itself, a private range, a
 * cloud metadata service) is refused: whatever answers there must not be stored as a report.
 */
export type AddressRisk =
	| 'loopback'
	| 'private'
	| 'link-local'
	| 'metadata'
	| 'unique-local'
	| 'cgnat'
	| 'unspecified'
	| 'reserved'
	| 'unreadable';

/** Host names that name the machine itself or a cloud metadata service. */
const LOOPBACK_NAME = /(^|\.)localhost\.?$/i;
const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal']);

/** Cloud metadata services at literal IPv4 addresses (AWS, GCP, Azure, OpenStack; ECS tasks; Alibaba). */
const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200']);

/**
 * The risk of a host (a URL's hostname: name, IPv4, or IPv6 with or without brackets), or
 * undefined for a public address or an ordinary name. Other spellings of an address (`127.1`,
 * `0x7f000001`, `::ffff:127.0.0.1`) are normalised the way a URL parser reads them first.
 */
export function addressRisk(host: string): AddressRisk | undefined {
	const normalised = normaliseHost(host);
	if (normalised === undefined) return 'unreadable';
	if (normalised.includes(':')) return ipv6Risk(normalised);
	const v4 = parseIpv4(normalised);
	if (v4) return ipv4Risk(v4);
	const name = normalised.replace(/\.$/, '');
	if (LOOPBACK_NAME.test(name)) return 'loopback';
	if (METADATA_NAMES.has(name)) return 'metadata';
	return undefined;
}

/** True for a loopback host (127.0.0.0/8, ::1, localhost): the simulator's. */
export function isLoopbackHost(host: string): boolean {
	return addressRisk(host) === 'loopback';
}

/** Lower-case host as a URL parser reads it (IPv4 forms expanded, IPv6 compressed), no brackets. */
function normaliseHost(host: string): string | undefined {
	const bare = host.trim().replace(/^\[(.*)\]$/, '$1');
	if (bare === '') return undefined;
	try {
		const hostname = new URL(`http://${bare.includes(':') ? `[${bare}]` : bare}/`).hostname;
		return hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
	} catch {
		return undefined;
	}
}

function parseIpv4(text: string): number[] | undefined {
	const parts = text.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
	const bytes = parts.map(Number);
	return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function ipv4Risk([a, b, c, d]: number[]): AddressRisk | undefined {
	if (METADATA_V4.has(`${a}.${b}.${c}.${d}`)) return 'metadata';
	if (a === 0) return 'unspecified';
	if (a === 127) return 'loopback';
	if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
	if (a === 169 && b === 254) return 'link-local';
	if (a === 100 && b >= 64 && b <= 127) return 'cgnat';
	// IETF assignments, documentation ranges, benchmarking, multicast, reserved and broadcast
	if ((a === 192 && b === 0 && (c === 0 || c === 2)) || (a === 198 && (b === 18 || b === 19))) return 'reserved';
	if ((a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'reserved';
	if (a >= 224) return 'reserved';
	return undefined;
}

/** Eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included), or undefined. */
function parseIpv6(text: string): number[] | undefined {
	let head = text;
	const tail: number[] = [];
	const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(head);
	if (dotted) {
		const v4 = parseIpv4(dotted[2]);
		if (!v4) return undefined;
		head = `${dotted[1]}0:0`;
		tail.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
	}
	const halves = head.split('::');
	if (halves.length > 2) return undefined;
	const groups = (part: string): number[] | undefined => {
		if (part === '') return [];
		const out = part.split(':').map((group) => (/^[0-9a-f]{1,4}$/.test(group) ? parseInt(group, 16) : NaN));
		return out.some(Number.isNaN) ? undefined : out;
	};
	const left = groups(halves[0]);
	const right = halves.length === 2 ? groups(halves[1]) : [];
	if (!left || !right) return undefined;
	const missing = 8 - left.length - right.length;
	if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
	const all = [...left, ...new Array<number>(missing).fill(0), ...right];
	if (tail.length === 2) all.splice(6, 2, ...tail);
	return all;
}

function ipv6Risk(text: string): AddressRisk | undefined {
	const g = parseIpv6(text);
	if (!g) return 'unreadable';
	const embeddedV4 = (high: number, low: number): number[] => [high >> 8, high & 0xff, low >> 8, low & 0xff];
	const zeroUpTo = (n: number): boolean => g.slice(0, n).every((group) => group === 0);
	if (zeroUpTo(8)) return 'unspecified';
	if (zeroUpTo(7) && g[7] === 1) return 'loopback';
	// ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64): the IPv4 rules
	if (zeroUpTo(5) && (g[5] === 0xffff || g[5] === 0)) return ipv4Risk(embeddedV4(g[6], g[7]));
	if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((group) => group === 0)) return ipv4Risk(embeddedV4(g[6], g[7]));
	// 6to4 (2002:a.b.c.d::/48) carries an IPv4 address in its second and third groups
	if (g[0] === 0x2002) return ipv4Risk(embeddedV4(g[1], g[2]));
	if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((group) => group === 0) && g[7] === 0x254) {
		return 'metadata';
	}
	if ((g[0] & 0xfe00) === 0xfc00) return 'unique-local';
	if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
	if ((g[0] & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated)
	if ((g[0] & 0xff00) === 0xff00) return 'reserved'; // multicast
	if (g[0] === 0x2001 && g[1] === 0x0db8) return 'reserved'; // documentation
	return undefined;
}
