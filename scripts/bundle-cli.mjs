// Bundles the CLI (after `tsc`, from its output in dist/src) into dist/cli/ with esbuild:
// one file per command plus shared chunks, the dependencies included. Start-up was mostly
// Node resolving, reading and compiling ~160-250 small modules (yargs and its helpers alone
// are 40); a bundle reads a handful. Measured with bench/measures/startup.mjs.
//   node scripts/bundle-cli.mjs        (npm run build runs it after tsc)
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist/cli");
const require = createRequire(import.meta.url);

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

rmSync(out, { recursive: true, force: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: [
    { in: "dist/src/cli/main.js", out: "main" },
    // Sweep workers start from the file beside the module that spawns them (src/sweep/runTasks.ts).
    { in: "dist/src/sweep/worker.js", out: "worker" },
  ],
  outdir: out,
  bundle: true,
  splitting: true, // each command's modules stay behind its dynamic import()
  format: "esm",
  platform: "node",
  target: "node20",
  // CommonJS dependencies (seedrandom, yauzl) call require() for Node's own modules.
  banner: { js: 'import { createRequire as __bundleCreateRequire } from "node:module"; const require = __bundleCreateRequire(import.meta.url);' },
  alias: {
    // jsonc-parser's main is a UMD wrapper whose require() calls a bundler cannot follow; its
    // "module" entry is the same version built as ES modules.
    "jsonc-parser": join(dirname(require.resolve("jsonc-parser/package.json", { paths: [root] })), "lib/esm/main.js"),
  },
  plugins: [lazyStringWidth, yargsLocalesBesideBundle],
  sourcemap: "linked",
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
});

const inputs = Object.keys(result.metafile.inputs);
const forbidden = inputs.filter((p) => /node_modules[\\/]fast-check[\\/]|src[\\/]arbitraries[\\/]/.test(p));
if (forbidden.length > 0) throw new Error(`the CLI bundle would include test-only code: ${forbidden.join(", ")}`);

// The locales yargs reads (see above), and the HTML report's page script, read beside the module that renders it.
const yargsDir = dirname(require.resolve("yargs/package.json", { paths: [root] }));
cpSync(join(yargsDir, "locales"), join(out, "locales"), { recursive: true });
mkdirSync(join(out, "client"), { recursive: true });
cpSync(join(root, "src/report/html/client/report.js"), join(out, "client/report.js"));
writeFileSync(join(out, "meta.json"), JSON.stringify({ inputs: inputs.sort() }, null, 1) + "\n");
console.log(`dist/cli: ${Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".js")).length} files from ${inputs.length} modules (${relative(root, out)}/meta.json lists them)`);
