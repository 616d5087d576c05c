/*
 * node_run.js - runs a wasm benchmark under Node (V8).
 *
 *   node bench/node_run.js FILE.wasm [EXPORT]
 *
 * Compiles and instantiates FILE.wasm with no imports and calls EXPORT
 * (default "run").  A result is printed as a decimal: i32 results arrive
 * as signed numbers and i64 ones as BigInt, both printed signed, which is
 * the form wasixrt --invoke and the C harnesses use.  A void export
 * (such as _start) prints nothing.
 */
'use strict';

const fs = require('fs');

const [file, name = 'run'] = process.argv.slice(2);
if (!file) {
	console.error('usage: node node_run.js FILE.wasm [EXPORT]');
	process.exit(2);
}
const mod = new WebAssembly.Module(fs.readFileSync(file));
const instance = new WebAssembly.Instance(mod, {});
const fn = instance.exports[name];
if (typeof fn !== 'function') {
	console.error(`node_run.js: no exported function ${name}`);
	process.exit(1);
}
const result = fn();
if (result !== undefined)
	console.log(String(result));
