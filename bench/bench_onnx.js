#!/usr/bin/env node
// ONNX Runtime side of the side-by-side benchmark (developer tool, not shipped).
//
// Runs one measurement in this process and prints one line, like
// bench_torch.py ("SECONDS PEAK_RSS_MIB"), so that peak RSS belongs to that
// measurement only:
//
//   node bench/bench_onnx.js MODEL.onnx THREADS infer SIZE REPEAT
//   node bench/bench_onnx.js MODEL.onnx THREADS check   (compare with MODEL.onnx.check)
//   node bench/bench_onnx.js version
//
// MODEL.onnx comes from bench/export_onnx.py (the same network and safetensors
// weights as bench_engine and bench_torch.py). infer: one session with
// intraOpNumThreads THREADS, interOpNumThreads 1, sequential execution; one
// warm-up run, then the best of REPEAT timed runs on a random input in [-1, 1]
// (session creation and the warm-up are not timed). check: runs the input
// stored in MODEL.onnx.check and prints the largest absolute difference from
// PyTorch's output stored after it.
//
// onnxruntime-node is looked for in $EDCG_ORT_DIR/node_modules, then in
// bench/ort/node_modules (ignored by git), then by Node's usual resolution.
// See bench/README.md for installing it.
'use strict';
const fs = require('fs');
const path = require('path');

function ortDirs() {
  const dirs = [];
  if (process.env.EDCG_ORT_DIR) dirs.push(path.join(process.env.EDCG_ORT_DIR, 'node_modules'));
  dirs.push(path.join(__dirname, 'ort', 'node_modules'));
  return dirs;
}

function loadOrt() {
  for (const dir of ortDirs()) {
    const pkg = path.join(dir, 'onnxruntime-node');
    if (fs.existsSync(path.join(pkg, 'package.json'))) {
      return {ort: require(pkg), version: require(path.join(pkg, 'package.json')).version, where: pkg};
    }
  }
  try {
    const ort = require('onnxruntime-node');
    return {ort, version: ort.env && ort.env.versions ? ort.env.versions.node || '?' : '?',
            where: 'onnxruntime-node'};
  } catch (e) {
    throw new Error('onnxruntime-node not found in ' + ortDirs().join(', ') +
                    ' nor by require(): ' + e.message.split('\n')[0]);
  }
}

function peakRssMib() {
  return process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB
}

async function session(ort, model, threads) {
  return ort.InferenceSession.create(model, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
}

function randomInput(ort, size) {
  const data = new Float32Array(3 * size * size);
  for (let i = 0; i < data.length; i++) data[i] = Math.random() * 2 - 1;
  return new ort.Tensor('float32', data, [1, 3, size, size]);
}

async function infer(ort, model, threads, size, repeat) {
  const sess = await session(ort, model, threads);
  const feeds = {[sess.inputNames[0]]: randomInput(ort, size)};
  await sess.run(feeds); // warm-up: allocations, kernel choice for this shape
  let best = Infinity;
  for (let r = 0; r < repeat; r++) {
    const t0 = process.hrtime.bigint();
    await sess.run(feeds);
    const dt = Number(process.hrtime.bigint() - t0) / 1e9;
    if (dt < best) best = dt;
  }
  console.log(best.toFixed(4) + ' ' + peakRssMib().toFixed(0));
}

async function check(ort, model, threads) {
  const buf = fs.readFileSync(model + '.check');
  const all = new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
  const n = Math.round(Math.sqrt(all.length / 6));
  if (6 * n * n !== all.length) throw new Error(model + '.check: not two 1x3xNxN tensors');
  const input = all.slice(0, 3 * n * n);
  const expect = all.subarray(3 * n * n);
  const sess = await session(ort, model, threads);
  const out = await sess.run({[sess.inputNames[0]]: new ort.Tensor('float32', input, [1, 3, n, n])});
  const got = out[sess.outputNames[0]].data;
  if (got.length !== expect.length) throw new Error('output has ' + got.length + ' values, expected ' + expect.length);
  let maxDiff = 0;
  for (let i = 0; i < got.length; i++) maxDiff = Math.max(maxDiff, Math.abs(got[i] - expect[i]));
  console.log(maxDiff.toExponential(2) + ' ' + n);
}

async function main() {
  const a = process.argv.slice(2);
  const usage = 'usage: bench_onnx.js MODEL.onnx THREADS infer SIZE REPEAT | MODEL.onnx THREADS check | version';
  if (a[0] === 'version') {
    const {version, where} = loadOrt();
    console.log(version + ' ' + where);
    return;
  }
  if (a.length < 3) throw new Error(usage);
  const {ort} = loadOrt();
  const model = a[0];
  const threads = parseInt(a[1], 10);
  if (a[2] === 'infer' && a.length === 5) {
    await infer(ort, model, threads, parseInt(a[3], 10), parseInt(a[4], 10));
  } else if (a[2] === 'check') {
    await check(ort, model, threads);
  } else {
    throw new Error(usage);
  }
}

main().catch((e) => {
  console.error('bench_onnx.js: ' + e.message);
  process.exit(1);
});
