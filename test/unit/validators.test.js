// Identifier formats (nodes/shared/validation/validators.ts), as tables of good and bad ids, and the promise
// the nodes make with them: a bad id anywhere in the input sends nothing at all.
const { DIST, runNode } = require('../helpers/context');
const { scriptedServer } = require('../helpers/server');
const { checkId, requireId } = require(`${DIST}/nodes/shared/validation/validators`);
const { FinpassCorporate } = require(`${DIST}/nodes/FinpassCorporate/FinpassCorporate.node.js`);
const { FinpassMultiBureau } = require(`${DIST}/nodes/FinpassMultiBureau/FinpassMultiBureau.node.js`);
const { FinpassEpfo } = require(`${DIST}/nodes/FinpassEpfo/FinpassEpfo.node.js`);
const { NodeOperationError } = require('n8n-workflow');

// [input, normalized value] for good ids; input alone for bad ones
const TABLE = {
	pan: {
		good: [
			['ABCDE1234F', 'ABCDE1234F'],
			['abcde1234f', 'ABCDE1234F'],
			['  AAACA1234C ', 'AAACA1234C'],
			['aaaPz9999z', 'AAAPZ9999Z'],
		],
		bad: ['', '   ', 'ABCDE1234', 'ABCDE12345', 'ABCD1234FF', 'ABCDE1234FG', '1BCDE1234F', 'ABCDE123AF', 'ABCDE 1234F', 'ABCDE-1234-F', 'ÄBCDE1234F', null, undefined, 1234567890],
	},
	cin: {
		good: [
			['U72900KA2015PTC082988', 'U72900KA2015PTC082988'],
			['L17110MH1973PLC019786', 'L17110MH1973PLC019786'],
			[' u72900ka2015ptc082988\t', 'U72900KA2015PTC082988'],
		],
		bad: ['', 'X72900KA2015PTC082988', 'U7290KA2015PTC082988', 'U72900KA2015PTC08298', 'U72900KA2015PTC0829888', 'U72900K12015PTC082988', 'U72900KA15PTC082988', 'U72900KA2015PT1082988', 'U72900-KA-2015-PTC-082988', 'AAB-1234', 42],
	},
	llpin: {
		good: [
			['AAB-1234', 'AAB-1234'],
			['aab-1234', 'AAB-1234'],
			[' ZZZ-0001 ', 'ZZZ-0001'],
		],
		bad: ['', 'AAB1234', 'AA-1234', 'AABC-1234', 'AAB-123', 'AAB-12345', '1AB-1234', 'AAB_1234', 'AAB - 1234', 'U72900KA2015PTC082988'],
	},
	mobile: {
		good: [
			['9876543210', '9876543210'],
			['6000000000', '6000000000'],
			['+919876543210', '9876543210'],
			['+91 98765 43210', '9876543210'],
			['919876543210', '9876543210'],
			['09876543210', '9876543210'],
			['98765-43210', '9876543210'],
			[9876543210, '9876543210'],
		],
		bad: ['', '5876543210', '0876543210', '987654321', '98765432101', '+9198765432', '+929876543210', '98765abcde', '+91 5876543210', '0098765432', null],
	},
};

describe.each(Object.keys(TABLE))('%s', (kind) => {
	test.each(TABLE[kind].good)(`good: %p → %p`, (input, value) => {
		expect(checkId(kind, input)).toEqual({ ok: true, value });
	});
	test.each(TABLE[kind].bad.map((b) => [b]))('bad: %p', (input) => {
		const checked = checkId(kind, input);
		expect(checked.ok).toBe(false);
		expect(checked.expected).toEqual(expect.any(String));
	});
	test('requireId names the field, the item and the expected format', () => {
		const node = { name: 'Finpass', type: 'test', typeVersion: 1, parameters: {} };
		const bad = TABLE[kind].bad[1];
		let error;
		try {
			requireId(node, kind, bad, 7, 'The Field');
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/^The Field .* is not valid: expected /);
		expect(error.context.itemIndex).toBe(7);
		expect(error.description).toMatch(/Nothing was sent/);
	});
});

describe('a bad id in any item sends no request at all', () => {
	let server;
	beforeAll(async () => {
		server = await scriptedServer();
	});
	afterAll(() => server.close());
	beforeEach(() => server.requests.splice(0));
	const credentials = () => ({ finpassApi: { apiKey: 'sim_key', apiSecret: 'sim_secret', baseUrl: server.url } });

	// the last item is the bad one: nothing may go out even for the good ones before it
	const cases = [
		['Corporate CIN lookup', FinpassCorporate, 'cinLookup', 'cin', 'U72900KA2015PTC082988', 'U72900KA2015PTC08298'],
		['Corporate LLPIN lookup', FinpassCorporate, 'llpinLookup', 'llpin', 'AAB-1234', 'AAB1234'],
		['Corporate PAN lookup', FinpassCorporate, 'panLookup', 'pan', 'AAACA1234C', 'AAACA12345'],
		['EPFO report', FinpassEpfo, 'epfoCrifReport', 'mobileNumber', '9876543210', '5876543210'],
	];
	test.each(cases)('%s', async (_, NodeClass, operation, field, good, bad) => {
		const ids = [good, good, good, bad];
		const error = await runNode(NodeClass, {
			// consent: the EPFO report's Borrower Consented (the other nodes have none)
			parameters: { operation, consent: true, [field]: (i) => ids[i] },
			items: ids.map(() => ({ json: {} })),
			credentials: credentials(),
		}).catch((e) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.context.itemIndex).toBe(3);
		expect(server.requests).toHaveLength(0);
	});

	test('Multi-Bureau: a bad PAN or mobile in one item sends nothing', async () => {
		const pans = ['ABCDE1234F', 'ABCDE1234F', 'ABCDE1234'];
		const mobiles = ['9876543210', '123', '9876543210'];
		for (const [field, values, badIndex] of [['pan', pans, 2], ['mobileNumber', mobiles, 1]]) {
			const parameters = {
				operation: 'fetchReport',
				pan: 'ABCDE1234F',
				name: 'Asha Verma',
				mobileNumber: '9876543210',
				gender: 'female',
				consent: true,
				bureaus: ['cibil'],
				[field]: (i) => values[i],
			};
			const error = await runNode(FinpassMultiBureau, { parameters, items: values.map(() => ({ json: {} })), credentials: credentials() }).catch((e) => e);
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.context.itemIndex).toBe(badIndex);
		}
		expect(server.requests).toHaveLength(0);
	});
});
