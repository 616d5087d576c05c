#!/usr/bin/env -S node --stack-size=8000
/*
 * node_rt.js - a reference stand-in for `wasixrt run --invoke NAME FILE
 * ARGS...` on node's WebAssembly engine, with the same argument syntax
 * and output format.  Used to check the differential tests themselves
 * (bash tests/diff/run.sh tests/diff/node_rt.js) independently of
 * wasixrt.  Only what the tests need: numeric parameters and results.
 */
'use strict';
const fs = require('fs');

function die(msg, code) {
	process.stderr.write('node_rt: ' + msg + '\n');
	process.exit(code);
}

/* C's printf("%.<p>g", x). */
function fmtG(x, p) {
	if (Number.isNaN(x))
		return 'nan';
	if (x === Infinity)
		return 'inf';
	if (x === -Infinity)
		return '-inf';
	if (x === 0)
		return Object.is(x, -0) ? '-0' : '0';
	const e = x.toExponential(p - 1);
	const exp = parseInt(e.slice(e.indexOf('e') + 1), 10);
	const strip = (s) => s.includes('.') ? s.replace(/\.?0+$/, '') : s;
	if (exp < -4 || exp >= p) {
		let [m, ex] = e.split('e');
		m = strip(m);
		const sign = ex[0] === '-' ? '-' : '+';
		ex = ex.replace(/^[+-]/, '');
		if (ex.length < 2)
			ex = '0' + ex;
		return m + 'e' + sign + ex;
	}
	return strip(x.toFixed(Math.max(0, p - 1 - exp)));
}

function parseIntArg(s, bits) {
	const m = /^([+-]?)(0[xX][0-9a-fA-F]+|[0-9]+)$/.exec(s);
	if (!m)
		return null;
	let v = BigInt(m[2]);
	const B = BigInt(bits);
	if (m[1] === '-') {
		if (v > (1n << (B - 1n)))
			return null;
		v = -v;
	} else if (v >= (1n << B)) {
		return null;
	}
	return BigInt.asIntN(bits, v);
}

function parseFloatArg(s) {
	let t = s.toLowerCase();
	const neg = t.startsWith('-');
	const body = t.replace(/^[+-]/, '');
	if (body === 'nan')
		return NaN;
	if (body === 'inf' || body === 'infinity')
		return neg ? -Infinity : Infinity;
	if (!/^([0-9]+\.?[0-9]*|\.[0-9]+)(e[+-]?[0-9]+)?$/.test(body))
		return null;
	return Number(t);
}

const argv = process.argv.slice(2);
if (argv[0] !== 'run' || argv[1] !== '--invoke' || argv.length < 4)
	die('usage: node_rt.js run --invoke NAME FILE ARGS...', 2);
const name = argv[2], file = argv[3], args = argv.slice(4);
const bytes = fs.readFileSync(file);
const mod = new WebAssembly.Module(bytes);
const inst = new WebAssembly.Instance(mod, {});
const f = inst.exports[name];
if (typeof f !== 'function')
	die('no export ' + name, 1);

/* Parameter types come from the binary: find the export's signature. */
function signature(buf, fname) {
	let p = 8;
	const u = () => {
		let r = 0, s = 0, b;
		do {
			b = buf[p++];
			r += (b & 0x7f) * 2 ** s;
			s += 7;
		} while (b & 0x80);
		return r;
	};
	const types = [], funcs = [];
	let nimported = 0, exportIdx = -1;
	const names = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64' };
	while (p < buf.length) {
		const id = buf[p++], size = u(), end = p + size;
		if (id === 1) {
			for (let n = u(); n > 0; n--) {
				p++;
				const ps = [], rs = [];
				for (let k = u(); k > 0; k--) ps.push(names[buf[p++]]);
				for (let k = u(); k > 0; k--) rs.push(names[buf[p++]]);
				types.push({ ps, rs });
			}
		} else if (id === 2) {
			for (let n = u(); n > 0; n--) {
				p += u(); p += u();
				const kind = buf[p++];
				if (kind === 0) { nimported++; funcs.push(u()); }
				else die('imports other than functions', 1);
			}
		} else if (id === 3) {
			for (let n = u(); n > 0; n--) funcs.push(u());
		} else if (id === 7) {
			for (let n = u(); n > 0; n--) {
				const len = u();
				const nm = buf.slice(p, p + len).toString();
				p += len;
				const kind = buf[p++], idx = u();
				if (kind === 0 && nm === fname) exportIdx = idx;
			}
		}
		p = end;
	}
	return types[funcs[exportIdx]];
}

const sig = signature(bytes, name);
if (args.length !== sig.ps.length)
	die(`"${name}" takes ${sig.ps.length} arguments, ${args.length} given`, 2);
const callArgs = sig.ps.map((t, i) => {
	const v = t === 'i32' ? parseIntArg(args[i], 32)
		: t === 'i64' ? parseIntArg(args[i], 64)
		: parseFloatArg(args[i]);
	if (v === null)
		die(`'${args[i]}' is not a valid ${t}`, 2);
	return t === 'i32' ? Number(v) : t === 'f32' ? Math.fround(v) : v;
});
let res;
try {
	res = f(...callArgs);
} catch (e) {
	die('trap: ' + e.message, 134);
}
const results = sig.rs.length === 1 ? [res] : sig.rs.length ? res : [];
sig.rs.forEach((t, i) => {
	const v = results[i];
	if (t === 'i32' || t === 'i64')
		console.log(String(v));
	else
		console.log(fmtG(v, t === 'f32' ? 9 : 17));
});
