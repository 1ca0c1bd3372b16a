#!/usr/bin/env node
'use strict';
// Comments and docs point only inside the repository: a reader has this repository and the
// vendors' public pages, nothing else. Fails (exit 1, one line per hit: file:line, rule, text) on
//  - machine-path: a developer machine's absolute path (under /root, /Users, the workspace root,
//    /home/<user>/...), anywhere in a file, code included (n8n's own /home/node folder and its
//    editor routes /home/credentials, /home/workflows are not machine paths);
//  - outside-folder: the machine's shared folders beside the repository (shared/api-docs,
//    shared/notes), in comments and docs (test/contract/ says where it looks for the documents);
//  - issue-number: "issue 15", "Issue #15" (history lives in CHANGELOG.md, the one file allowed);
//  - api-readme: "API README", a file outside the repository;
//  - vendor-document: a vendor document's file name or a line citation ("finpass-aa-init.txt:95",
//    "README.md:68", "line 12 of"). Cite docs/api-contract.md's sections (#anchors) or the vendor
//    page's title instead. docs/api-contract.md is the one page that maps the contract to those
//    documents (its "Sources" section), and test/contract/ extracts the documents' own examples
//    and checks them, so both may name them.
//  - doc-anchor: a cited `docs/<file>.md#<anchor>` names a file and a section (heading or
//    <a id>) that exist, so a citation cannot go stale.
// In .js/.ts/.cjs/.mjs/.sh/.yml files the comments are read (and the whole text for machine
// paths); in Markdown, JSON and other text files, all of it.
// Usage: node scripts/check-comments.js   (also a module: scanText, scanRepository)

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { anchorsOf } = require('./check-pack');

const ROOT = path.join(__dirname, '..');

const RULES = [
	{
		name: 'machine-path',
		pattern:
			/(?<![\w.}$-])\/(?:work|root|Users)\/|(?<![\w.}$-])\/home\/(?!(?:node|credentials|workflows|executions|projects)\b)[a-z_][\w-]*\//g,
		everywhere: true,
	},
	{
		name: 'outside-folder',
		pattern: /\bshared\/(?:api-docs|notes)\b/g,
		allowed: (file) => file.startsWith('test/contract/'),
	},
	{ name: 'issue-number', pattern: /\bissues? #?\d+/gi, allowed: (file) => file === 'CHANGELOG.md' },
	{ name: 'api-readme', pattern: /\bAPI README\b/gi },
	{
		name: 'vendor-document',
		pattern: /\b(?:finpass-aa-[a-z-]+|finpro-get-fi-data)\.txt\b|\bREADME\.md:\d|\blines? \d+(?:-\d+)? of\b/gi,
		allowed: (file) => file === 'docs/api-contract.md' || file.startsWith('test/contract/'),
	},
];

/** This check and its test name what they forbid: they are not read. */
const SELF = new Set(['scripts/check-comments.js', 'test/unit/comments.test.js']);
/** Files read: everything tracked except dependencies, builds, binaries and the lock file. */
const SKIP = /^(node_modules|dist)\/|(^|\/)package-lock\.json$|\.(png|jpe?g|gif|svg|ico|gz|tgz)$|^LICENSE$/;
const CODE = /\.(c?js|mjs|ts)$/;
const HASH_COMMENTS = /\.(sh|ya?ml)$|(^|\/)\.(gitignore|npmignore)$|^\.ci\//;

/**
 * The comment text of each line of a source file ('' where a line has none): `//` comments
 * (not `://` in a URL), `/* ... *\/` blocks, or `#` comments for shell and YAML. A heuristic, not
 * a parser: good enough for this repository's style (a `//` inside a string is rare).
 */
function commentsOf(text, file) {
	const lines = text.split('\n');
	if (HASH_COMMENTS.test(file)) return lines.map((line) => (line.match(/(?:^|\s)#(?!!)(.*)$/) || ['', ''])[1]);
	let inBlock = false;
	return lines.map((line) => {
		let out = '';
		let rest = line;
		while (rest !== '') {
			if (inBlock) {
				const end = rest.indexOf('*/');
				out += end < 0 ? rest : rest.slice(0, end);
				if (end < 0) break;
				inBlock = false;
				rest = rest.slice(end + 2);
				continue;
			}
			const start = rest.search(/(?:^|[\s;,{}()[\]=])\/\*/);
			const single = rest.search(/(?:^|[\s;,{}()[\]])\/\//);
			if (single >= 0 && (start < 0 || single < start)) {
				out += rest.slice(rest.indexOf('//', single) + 2);
				break;
			}
			if (start < 0) break;
			inBlock = true;
			rest = rest.slice(rest.indexOf('/*', start) + 2);
		}
		return out;
	});
}

/** Hits in one file's text: [{ file, line, rule, text }] (root: where cited docs are read) */
function scanText(file, text, root = ROOT) {
	const lines = text.split('\n');
	const comments = CODE.test(file) || HASH_COMMENTS.test(file) ? commentsOf(text, file) : lines;
	const hits = [];
	for (const rule of RULES) {
		if (rule.allowed && rule.allowed(file)) continue;
		const read = rule.everywhere ? lines : comments;
		read.forEach((content, i) => {
			for (const match of content.matchAll(rule.pattern)) {
				hits.push({ file, line: i + 1, rule: rule.name, text: match[0] });
			}
		});
	}
	comments.forEach((content, i) => {
		for (const match of content.matchAll(/\bdocs\/([\w.-]+\.md)#([\w-]+)/g)) {
			const doc = path.join(root, 'docs', match[1]);
			if (!fs.existsSync(doc) || !anchorsOf(doc).has(match[2])) {
				hits.push({ file, line: i + 1, rule: 'doc-anchor', text: match[0] });
			}
		}
	});
	return hits.sort((a, b) => a.line - b.line);
}

/** A regular file (not a link, a folder or a file deleted from the working tree). */
const isFile = (file) => fs.existsSync(file) && fs.lstatSync(file).isFile();

/** Every tracked file's hits (git ls-files; without git, nothing to read is an error). */
function scanRepository(root = ROOT) {
	const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
		.split('\0')
		.filter((file) => file !== '' && !SKIP.test(file) && !SELF.has(file) && isFile(path.join(root, file)));
	if (files.length === 0) throw new Error('check-comments: git ls-files listed no files');
	return files.flatMap((file) => scanText(file, fs.readFileSync(path.join(root, file), 'utf8'), root));
}

if (require.main === module) {
	const hits = scanRepository();
	for (const hit of hits) console.log(`${hit.file}:${hit.line}  ${hit.rule}  ${hit.text}`);
	if (hits.length) {
		console.log(`\n${hits.length} comment(s) point outside the repository (see scripts/check-comments.js)`);
		process.exit(1);
	}
	console.log('check-comments: no comment names a machine path, an issue number or a vendor document');
}

module.exports = { RULES, commentsOf, scanText, scanRepository };
