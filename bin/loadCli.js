"use strict";
// Loads the CLI bundle (dist/cli/main.cjs, scripts/bundle-cli.mjs) with V8's code cache of it
// (dist/cli/main.cjs.COMMAND.v8cache for each command, main.cjs.v8cache for the rest, written by
// the build after running that command's start-up, or --help): V8 then reads the bytecode of
// every function start-up ran instead of parsing and compiling the bundle. Compiling was most of
// a command's start-up above `node -e 0`. Node 20 has no code cache for ES modules, hence a
// CommonJS bundle compiled here as a vm.Script (as v8-compile-cache does). V8 refuses a cache
// made by another V8 or under other V8 flags (then the bundle compiles from source, as without a
// cache); the build id checks that a cache is this bundle's.
const { readFileSync } = require("node:fs");
const { createRequire, wrap } = require("node:module");
const { dirname, join } = require("node:path");
const { Script } = require("node:vm");

const BUNDLE = join(__dirname, "../dist/cli/main.cjs");
/** A cache file: the bundle's build id (BUILD_ID_LENGTH characters), then V8's data. */
const CACHE_SUFFIX = ".v8cache";
/** A build id: the sha256 of the bundle, in hex. */
const BUILD_ID_LENGTH = 64;
/** The bundle ends with this comment and its build id (the build writes both). */
const BUILD_ID_MARK = "//# dra-sim-build-id=";

/** The build id at the end of the bundle's `source`, or undefined. */
function buildId(source) {
  const at = source.lastIndexOf(BUILD_ID_MARK);
  return at < 0 ? undefined : source.slice(at + BUILD_ID_MARK.length, at + BUILD_ID_MARK.length + BUILD_ID_LENGTH);
}

/**
 * The cache file for the command `args` run (its first word, if a command's cache has that
 * name), else the one made by --help. One cache per command: each holds only what its start-up
 * compiled, and V8 deserializes all of a cache (one of all the start-ups cost `run`'s 6 % more
 * instructions).
 */
function cacheFile(bundle, args) {
  const word = args.find((a) => !a.startsWith("-"));
  return word !== undefined && /^[a-z]+$/.test(word) ? [`${bundle}.${word}${CACHE_SUFFIX}`, `${bundle}${CACHE_SUFFIX}`] : [`${bundle}${CACHE_SUFFIX}`];
}

/** V8's data from the first of `files` there is, if made for the bundle with `id` (else undefined). */
function readCache(files, id) {
  let bytes;
  for (const file of files) {
    try {
      bytes = readFileSync(file);
      break;
    } catch {
      // No cache for this command: the next file.
    }
  }
  if (bytes === undefined || id === undefined || bytes.length <= BUILD_ID_LENGTH || bytes.toString("latin1", 0, BUILD_ID_LENGTH) !== id) return undefined;
  return bytes.subarray(BUILD_ID_LENGTH);
}

/**
 * Compiles and runs the bundle at `bundle` (with its cache for the command `args` run, unless
 * `useCache` is false); returns its exports, the script (for `createCachedData`) and whether V8
 * took the cache.
 */
function loadCli({ bundle = BUNDLE, args = [], useCache = true } = {}) {
  // ASCII (the build checks it), so read as Latin-1: a copy, where UTF-8 would be decoded and checked (a tenth of start-up's instructions).
  const source = readFileSync(bundle).toString("latin1");
  const id = buildId(source);
  const cachedData = useCache ? readCache(cacheFile(bundle, args), id) : undefined;
  const script = new Script(wrap(source), { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { cli: module.exports, script, id, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

module.exports = { loadCli, BUNDLE, CACHE_SUFFIX, BUILD_ID_LENGTH, BUILD_ID_MARK };
