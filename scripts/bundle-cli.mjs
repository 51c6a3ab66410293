// Bundles the CLI (after `tsc`, from its output in dist/src) into dist/cli/ with esbuild, the
// dependencies included: main.cjs (the CLI, one CommonJS file), its V8 code caches
// main.cjs.*.v8cache (scripts/cli-code-cache.cjs; bin/loadCli.js reads both), worker.js (a sweep's
// workers), version.json (`dra-sim --version`). Start-up was mostly Node resolving, reading and
// compiling ~160-250 small modules (yargs and its helpers alone are 40), then, bundled, V8
// compiling the bundle's functions. Measured with bench/measures/startup.mjs.
//   node scripts/bundle-cli.mjs        (npm run build runs it after tsc)
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as esbuild from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist/cli");
const require = createRequire(import.meta.url);
const { BUILD_ID_MARK } = require("../bin/loadCli.js");

/**
 * yargs, cliui and wrap-ansi measure every help line with string-width (7 for cliui and
 * wrap-ansi, yargs' own 8), which builds an Intl.Segmenter and Unicode regular expressions
 * when it loads: about 25 ms of every start, though help texts are plain ASCII. In the bundle
 * each of them gets yargs' string-width 8 behind its own fast path (printable ASCII: the
 * width is the length), loaded on the first other string. Same widths for the help texts
 * (test/cli/bundle.test.ts compares every help with the unbundled CLI's).
 */
const STRING_WIDTH = require.resolve("string-width", { paths: [join(root, "node_modules/yargs")] });
const lazyStringWidth = {
  name: "lazy-string-width",
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, () => ({ path: "string-width", namespace: "lazy-string-width" }));
    build.onLoad({ filter: /.*/, namespace: "lazy-string-width" }, () => ({
      // esbuild runs a require()d ES module's top level at the first require.
      contents: `
        let full;
        export default function stringWidth(string, options) {
          if (typeof string === "string" && /^[\u0020-\u007E]*$/.test(string)) return string.length;
          full ??= require(${JSON.stringify(STRING_WIDTH)}).default;
          return full(string, options);
        }`,
      loader: "js",
      resolveDir: root,
    }));
  },
};

/**
 * yargs reads its message translations from `locales/` beside its own module
 * (lib/platform-shims/esm.mjs: resolve(__dirname, '../../../locales')); bundled, that path
 * would point outside the package. The bundle reads the copy made beside it instead.
 */
const YARGS_LOCALES = "resolve(__dirname, '../../../locales')";
const yargsLocalesBesideBundle = {
  name: "yargs-locales-beside-bundle",
  setup(build) {
    build.onLoad({ filter: /yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!text.includes(YARGS_LOCALES)) throw new Error(`${args.path}: yargs no longer reads its locales as ${YARGS_LOCALES}; update scripts/bundle-cli.mjs`);
      return { contents: text.replace(YARGS_LOCALES, "fileURLToPath(new URL('./locales', import.meta.url))"), loader: "js" };
    });
  },
};

/**
 * src/ reaches sim/ through its barrels (sim/index.ts, sim/result/index.ts:
 * test/architecture/boundaries.test.ts). In the bundle, a module that imports a barrel runs the
 * top level of every module the barrel re-exports when it is first imported (and, when the
 * bundle was split into chunks, had them all in its chunks), so any command that read one
 * constant through the barrel would load the whole engine with its first line. In the
 * bundle, src/'s imports from the barrels name the modules that define the names instead
 * (same bindings; the barrels stay the only door in the source). A name the barrels do not
 * re-export as a plain `export { ... } from` stops the build.
 */
const BARRELS = ["dist/sim/index.js", "dist/sim/result/index.js"].map((f) => join(root, f));

/** What a barrel re-exports: exported name -> [defining module (absolute), its name there], through nested barrels. */
function barrelExports(file, seen = new Map()) {
  if (seen.has(file)) return seen.get(file);
  const names = new Map();
  seen.set(file, names);
  for (const m of readFileSync(file, "utf8").matchAll(/^export \{([^}]*)\} from "([^"]+)";$/gm)) {
    const from = resolve(dirname(file), m[2]);
    const nested = BARRELS.includes(from) ? barrelExports(from, seen) : undefined;
    for (const spec of m[1].split(",").map((x) => x.trim()).filter((x) => x !== "")) {
      const [local, exported = local] = spec.split(/\s+as\s+/);
      names.set(exported, nested?.get(local) ?? [from, local]);
    }
  }
  return names;
}
const BARREL_EXPORTS = new Map(BARRELS.map((f) => [f, barrelExports(f)]));

const IMPORT_FROM_BARREL = /^import \{([^}]*)\} from "([^"]*sim\/(?:result\/)?index\.js)";$/gm;
const importsSplitByModule = {
  name: "imports-split-by-module",
  setup(build) {
    build.onLoad({ filter: /[\\/]dist[\\/]src[\\/].*\.js$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      const contents = text.replace(IMPORT_FROM_BARREL, (line, specs, from) => {
        const barrel = BARREL_EXPORTS.get(resolve(dirname(args.path), from));
        if (barrel === undefined) return line;
        const byModule = new Map();
        for (const spec of specs.split(",").map((x) => x.trim()).filter((x) => x !== "")) {
          const [name, local = name] = spec.split(/\s+as\s+/);
          const target = barrel.get(name);
          if (target === undefined) throw new Error(`${args.path}: ${name} is not re-exported by ${from} as scripts/bundle-cli.mjs reads it`);
          const [module, there] = target;
          const path = "./" + relative(dirname(args.path), module).split("\\").join("/");
          if (!byModule.has(path)) byModule.set(path, []);
          byModule.get(path).push(there === local ? there : `${there} as ${local}`);
        }
        // One line, so the module's source map still lines up.
        return [...byModule].map(([path, names]) => `import { ${names.join(", ")} } from "${path.replace(/^\.\/\.\./, "..")}";`).join(" ");
      });
      return { contents, loader: "js" };
    });
  },
};

/**
 * seedrandom requires node:crypto when it loads, for autoseeding (a generator made without a
 * seed): 17 of Node's modules, about 3 ms of every run. The engine always seeds it, so in the
 * bundle node:crypto is required only if a seedless generator asks for its bytes.
 */
const SEEDRANDOM_CRYPTO = "nodecrypto = require('crypto');";
const seedrandomCryptoOnUse = {
  name: "seedrandom-crypto-on-use",
  setup(build) {
    build.onLoad({ filter: /[\\/]seedrandom[\\/]seedrandom\.js$/ }, (args) => {
      const text = readFileSync(args.path, "utf8");
      if (!text.includes(SEEDRANDOM_CRYPTO)) throw new Error(`${args.path}: seedrandom no longer loads node:crypto as ${SEEDRANDOM_CRYPTO}; update scripts/bundle-cli.mjs`);
      return { contents: text.replace(SEEDRANDOM_CRYPTO, "nodecrypto = { get randomBytes() { return require('crypto').randomBytes; } };"), loader: "js" };
    });
  },
};

rmSync(out, { recursive: true, force: true });
const common = {
  absWorkingDir: root,
  outdir: out,
  bundle: true,
  platform: "node",
  target: "node20",
  alias: {
    // jsonc-parser's main is a UMD wrapper whose require() calls a bundler cannot follow; its
    // "module" entry is the same version built as ES modules.
    "jsonc-parser": join(dirname(require.resolve("jsonc-parser/package.json", { paths: [root] })), "lib/esm/main.js"),
  },
  plugins: [lazyStringWidth, yargsLocalesBesideBundle, importsSplitByModule, seedrandomCryptoOnUse],
  sourcemap: "linked",
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
};
/**
 * The CLI: one CommonJS file, which bin/loadCli.js compiles with V8's code cache of it (Node 20
 * has none for ES modules, and compiling was most of a command's start-up). Each command's
 * modules and their dependencies stay behind a function that runs them at their dynamic
 * import(), as in the source: a command runs the top level of what it uses only.
 */
const cli = await esbuild.build({
  ...common,
  entryPoints: [{ in: "dist/src/cli/bundleEntry.js", out: "main" }],
  outExtension: { ".js": ".cjs" },
  format: "cjs",
  // No comments (one held a character that is not ASCII; bin/loadCli.js reads the bundle as
  // Latin-1) and less to read: 1.6 -> 1.1 MB. Names stay, as in stack traces and messages.
  minifyWhitespace: true,
  // import() of Node's modules as require(), which a vm.Script runs without a module loader.
  supported: { "dynamic-import": false },
  // What the modules read import.meta.url for (yargs' locales, the report's page script, the
  // sweep's worker) is beside the bundle, as it was beside the ES module chunks.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: '"use strict"; var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
// Sweep workers start from the file beside the module that spawns them (src/sweep/runTasks.ts).
const worker = await esbuild.build({
  ...common,
  entryPoints: [{ in: "dist/src/sweep/worker.js", out: "worker" }],
  format: "esm",
  // CommonJS dependencies (seedrandom) call require() for Node's own modules.
  banner: { js: 'import { createRequire as __bundleCreateRequire } from "node:module"; const require = __bundleCreateRequire(import.meta.url);' },
});
const result = { metafile: { inputs: { ...cli.metafile.inputs, ...worker.metafile.inputs }, outputs: { ...cli.metafile.outputs, ...worker.metafile.outputs } } };

const inputs = Object.keys(result.metafile.inputs);
const forbidden = inputs.filter((p) => /node_modules[\\/]fast-check[\\/]|src[\\/]arbitraries[\\/]/.test(p));
if (forbidden.length > 0) throw new Error(`the CLI bundle would include test-only code: ${forbidden.join(", ")}`);

// The locales yargs reads (see above), and the HTML report's page script, read beside the module that renders it.
const yargsDir = dirname(require.resolve("yargs/package.json", { paths: [root] }));
cpSync(join(yargsDir, "locales"), join(out, "locales"), { recursive: true });
mkdirSync(join(out, "client"), { recursive: true });
cpSync(join(root, "src/report/html/client/report.js"), join(out, "client/report.js"));
// The two files (the CLI and the sweep's worker, each whole: no chunks to import), each with its
// entry point and modules; test/cli/bundle.test.ts checks them and that no test-only module is
// among the inputs.
const outputs = Object.fromEntries(
  Object.entries(result.metafile.outputs)
    .filter(([f]) => f.endsWith(".js") || f.endsWith(".cjs"))
    .map(([f, o]) => {
      if (o.imports.some((i) => !i.external)) throw new Error(`${f} imports another output of the build; bin/loadCli.js loads main.cjs alone`);
      return [relative(out, join(root, f)), { entryPoint: o.entryPoint, modules: Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([m]) => m).sort() }];
    }),
);
writeFileSync(join(out, "meta.json"), JSON.stringify({ inputs: inputs.sort(), outputs }, null, 1) + "\n");

// `dra-sim --version` reads the version alone (bin/dra-sim.js), not the bundle.
const { SIMULATOR_VERSION } = await import(pathToFileURL(join(root, "dist/sim/version.js")).href);
writeFileSync(join(out, "version.json"), JSON.stringify({ version: SIMULATOR_VERSION }) + "\n");

// The bundle's build id (bin/loadCli.js: a code cache is used only with the bundle it was made
// from; V8 itself checks only the source's length), then its code caches (scripts/cli-code-cache.cjs).
const bundle = join(out, "main.cjs");
const text = readFileSync(bundle, "utf8");
// bin/loadCli.js reads the bundle as Latin-1, which is the same text only if it is ASCII (esbuild's default charset escapes the rest).
const nonAscii = /[^\x00-\x7f]/.exec(text);
if (nonAscii !== null) throw new Error(`dist/cli/main.cjs holds a character that is not ASCII at ${nonAscii.index}: bin/loadCli.js reads it as Latin-1`);
writeFileSync(bundle, `${text}${BUILD_ID_MARK}${createHash("sha256").update(text).digest("hex")}\n`);
const env = { ...process.env };
delete env.NODE_OPTIONS;
const made = spawnSync(process.execPath, [join(root, "scripts/cli-code-cache.cjs")], { cwd: root, env, encoding: "utf8" });
if (made.status !== 0) throw new Error(`scripts/cli-code-cache.cjs failed (status ${made.status}):\n${made.stdout}${made.stderr}`);
console.log(`dist/cli: ${Object.keys(outputs).join(", ")} from ${inputs.length} modules (${relative(root, out)}/meta.json lists them); ${made.stdout.trim()}`);
