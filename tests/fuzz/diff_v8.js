// diff_v8.js - the V8 side of tests/fuzz/diff_v8.sh.
//
//   node diff_v8.js list FILE.wasm
//       prints "NAME NPARAMS" for every exported function whose
//       parameters and results are all numbers (i32 i64 f32 f64)
//   node diff_v8.js check FILE.wasm NAME OUTFILE STATUS
//       calls NAME (fresh instance, zero arguments) and compares with
//       what `wasixrt run --invoke NAME FILE.wasm 0...` printed to
//       OUTFILE and its exit status STATUS (134: a trap).  Prints "ok" or
//       one "DIFF ..." line; exits 1 on a difference.
// Imports: none are expected (the modules went through
// `wasm-opt --remove-imports`).  NaNs compare equal whatever their bits
// (wasm leaves NaN payloads nondeterministic).
'use strict';
const fs = require('fs');

const T = {0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64'};

// The signatures of the exported functions, from the binary itself.
function exportedSigs(bytes) {
	let p = 8;
	const u32 = () => {
		let v = 0, s = 0, b;
		do {
			b = bytes[p++];
			v |= (b & 0x7f) << s;
			s += 7;
		} while (b & 0x80);
		return v >>> 0;
	};
	const types = [], funcs = [], exports = [];
	while (p < bytes.length) {
		const id = bytes[p++], size = u32(), end = p + size;
		if (id === 1) {
			for (let n = u32(); n > 0; n--) {
				p++; // 0x60
				const params = [], results = [];
				for (let k = u32(); k > 0; k--) params.push(bytes[p++]);
				for (let k = u32(); k > 0; k--) results.push(bytes[p++]);
				types.push({params, results});
			}
		} else if (id === 2) {
			for (let n = u32(); n > 0; n--) {
				p += u32(); // module
				p += u32(); // name
				const kind = bytes[p++];
				if (kind === 0) funcs.push(u32());
				else if (kind === 1) { p++; const f = bytes[p++]; u32(); if (f & 1) u32(); }
				else if (kind === 2) { const f = bytes[p++]; u32(); if (f & 1) u32(); }
				else if (kind === 3) p += 2;
			}
		} else if (id === 3) {
			for (let n = u32(); n > 0; n--) funcs.push(u32());
		} else if (id === 7) {
			for (let n = u32(); n > 0; n--) {
				const len = u32();
				const name = Buffer.from(bytes.subarray(p, p + len)).toString();
				p += len;
				const kind = bytes[p++], idx = u32();
				if (kind === 0) exports.push({name, type: types[funcs[idx]]});
			}
		}
		p = end;
	}
	return exports;
}

function numeric(sig) {
	return sig.params.every(t => T[t]) && sig.results.every(t => T[t]);
}

function parseOut(line, t) {
	if (t === 'i64') return BigInt(line);
	if (t === 'i32') return Number(line);
	const s = line.trim().replace(/^(-?)inf$/, '$1Infinity');
	return /nan/.test(s) ? NaN : Number(s);
}

function same(a, b, t) {
	if (t === 'i64') return a === b;
	if (Number.isNaN(a) && Number.isNaN(b)) return true;
	if (t === 'f32') return Object.is(Math.fround(a), b);
	return Object.is(a, b);
}

const [cmd, file, name, outFile, status] = process.argv.slice(2);
const bytes = new Uint8Array(fs.readFileSync(file));
const sigs = exportedSigs(bytes);
if (cmd === 'list') {
	for (const e of sigs)
		if (e.type && numeric(e.type))
			console.log(`${e.name} ${e.type.params.length}`);
	process.exit(0);
}
const e = sigs.find(x => x.name === name);
const mod = new WebAssembly.Module(bytes);
const inst = new WebAssembly.Instance(mod, {});
const args = e.type.params.map(t => (T[t] === 'i64' ? 0n : 0));
let got, trapped = false, why = '';
try {
	got = inst.exports[name](...args);
} catch (err) {
	if (!(err instanceof WebAssembly.RuntimeError) &&
	    !(err instanceof RangeError)) // stack overflow
		throw err;
	trapped = true;
	why = err.message;
}
const rtTrapped = Number(status) === 134;
if (trapped !== rtTrapped) {
	console.log(`DIFF ${name}: V8 ${trapped ? 'trapped (' + why + ')' : 'returned'}, ` +
		    `wasixrt status ${status}`);
	process.exit(1);
}
if (trapped) {
	console.log('ok');
	process.exit(0);
}
if (Number(status) !== 0) {
	console.log(`DIFF ${name}: V8 returned, wasixrt status ${status}`);
	process.exit(1);
}
const results = e.type.results.length === 1 ? [got] : (got || []);
const lines = fs.readFileSync(outFile, 'utf8').split('\n').filter(l => l !== '');
if (lines.length !== e.type.results.length) {
	console.log(`DIFF ${name}: ${lines.length} results from wasixrt, ` +
		    `${e.type.results.length} expected`);
	process.exit(1);
}
for (let i = 0; i < lines.length; i++) {
	const t = T[e.type.results[i]];
	const want = results[i], have = parseOut(lines[i], t);
	if (!same(have, want, t)) {
		console.log(`DIFF ${name}: result ${i} (${t}): V8 ${want}, wasixrt ${lines[i]}`);
		process.exit(1);
	}
}
console.log('ok');
