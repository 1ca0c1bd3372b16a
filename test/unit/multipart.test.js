const { DIST } = require('../helpers/context');
const { encodeMultipart, randomBoundary } = require(`${DIST}/nodes/shared/transport/multipart`);
const { parseMultipart } = require('../../packages/simulator/lib/routes/bsa');

const allBytes = (times = 1) => Buffer.concat(Array.from({ length: times }, () => Buffer.from(Array.from({ length: 256 }, (_, i) => i))));

describe('encodeMultipart', () => {
	test('lays a file and a field out exactly as RFC 7578 says', () => {
		const { body, contentType } = encodeMultipart(
			[
				{ name: 'file', fileName: 'a.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4\nx') },
				{ name: 'password', value: 'p@ss' },
			],
			'XyZ',
		);
		expect(contentType).toBe('multipart/form-data; boundary=XyZ');
		expect(body.toString('latin1')).toBe(
			'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\nx\r\n' +
				'--XyZ\r\nContent-Disposition: form-data; name="password"\r\n\r\np@ss\r\n' +
				'--XyZ--\r\n',
		);
	});

	test('file bytes pass through unchanged, every byte value 0-255 included', () => {
		const data = allBytes(4);
		const { body, contentType } = encodeMultipart([{ name: 'file', fileName: 's.png', contentType: 'image/png', data }]);
		const [part] = parseMultipart(body, contentType);
		expect(part.filename).toBe('s.png');
		expect(Buffer.compare(part.data, data)).toBe(0);
	});

	test('quotes, CR and LF in names are escaped as browsers do; other characters go as UTF-8', () => {
		const fileName = 'Asha "Apr–Sep"\r\n₹.pdf';
		const { body, contentType } = encodeMultipart([{ name: 'fi"le', fileName, contentType: 'application/pdf', data: Buffer.from('%PDF-') }]);
		expect(body.toString('utf8')).toContain('name="fi%22le"; filename="Asha %22Apr–Sep%22%0D%0A₹.pdf"');
		const [part] = parseMultipart(body, contentType);
		expect(part.filename).toBe(fileName);
		expect(part.name).toBe('fi"le');
	});

	test('the random boundary is valid, fresh each time, and never occurs in the data', () => {
		const a = randomBoundary();
		expect(a).toMatch(/^[0-9A-Za-z'()+_,\-./:=?]{1,70}$/);
		expect(randomBoundary()).not.toBe(a);
		const data = Buffer.from(`--${a}--\r\n and more`);
		const { body, boundary, contentType } = encodeMultipart([{ name: 'file', fileName: 'x.pdf', contentType: 'application/pdf', data }]);
		expect(boundary).not.toBe(a);
		expect(Buffer.compare(parseMultipart(body, contentType)[0].data, data)).toBe(0);
	});

	test('a given boundary that is invalid or occurs in the data is refused', () => {
		expect(() => encodeMultipart([], 'bad\r\nboundary')).toThrow(/not a valid multipart boundary/);
		expect(() => encodeMultipart([{ name: 'f', value: 'x--B y' }], 'B')).toThrow(/occurs in the data/);
	});

	test('an empty form is just the closing delimiter', () => {
		expect(encodeMultipart([], 'B').body.toString()).toBe('--B--\r\n');
	});
});
