'use strict';
// A mail server on 127.0.0.1 for the examples' Send Email nodes: it accepts every message (plain
// SMTP, no TLS, no login) and keeps it, so a test sees what the analyst would get and nothing
// leaves the machine. Used by the examples suite and the editor run (scripts/screenshots.js).
//   const smtp = await smtpRecorder();   smtp.port, smtp.got = [{from, to: [...], data}], smtp.close()
//   smtpCredential(smtp, ref) → the n8n "smtp" credential pointing at it (for import:credentials)
//   mailText(data) → the body as a person reads it (quoted-printable decoded)
const net = require('net');

async function smtpRecorder() {
	const got = [];
	const sockets = new Set();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		let buffer = '';
		let mail = null;
		let inData = false;
		const say = (line) => socket.write(`${line}\r\n`);
		say('220 127.0.0.1 ESMTP recorder');
		socket.on('data', (chunk) => {
			buffer += chunk.toString('utf8');
			for (;;) {
				if (inData) {
					const end = buffer.indexOf('\r\n.\r\n');
					if (end < 0) return;
					mail.data = buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
					buffer = buffer.slice(end + 5);
					got.push(mail);
					inData = false;
					say('250 2.0.0 queued');
					continue;
				}
				const eol = buffer.indexOf('\r\n');
				if (eol < 0) return;
				const line = buffer.slice(0, eol);
				buffer = buffer.slice(eol + 2);
				const verb = line.slice(0, 4).toUpperCase();
				if (verb === 'EHLO' || verb === 'HELO') say('250 127.0.0.1');
				else if (verb === 'MAIL') {
					mail = { from: line.slice(10).trim(), to: [], data: '' };
					say('250 2.1.0 ok');
				} else if (verb === 'RCPT') {
					if (mail) mail.to.push(line.slice(8).trim());
					say('250 2.1.5 ok');
				} else if (verb === 'DATA') {
					inData = true;
					say('354 end with <CRLF>.<CRLF>');
				} else if (verb === 'QUIT') {
					say('221 2.0.0 bye');
					socket.end();
				} else say('250 ok'); // RSET, NOOP
			}
		});
		socket.on('error', () => {});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		port: server.address().port,
		got,
		close: () =>
			new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			}),
	};
}

/** n8n's SMTP credential (import:credentials form) for the recorder: no TLS, no login. */
function smtpCredential(smtp, ref) {
	return { ...ref, type: 'smtp', data: { host: '127.0.0.1', port: smtp.port, secure: false, disableStartTls: true, user: '', password: '' } };
}

/** A message's body as a person reads it: quoted-printable soft breaks and =XX bytes decoded. */
function mailText(raw) {
	const body = raw.split('\r\n\r\n').slice(1).join('\r\n\r\n');
	return Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}

module.exports = { smtpRecorder, smtpCredential, mailText };
