// Build the browser app into web/dist: index.html plus hashed assets
// (/assets/app-HASH.js, /assets/app-HASH.css). The server loads these into
// memory and serves them by exact path under a strict CSP, so nothing here may
// be inline. Prints raw and gzip sizes.
import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile, rename, stat } from 'node:fs/promises';
import { dirname, join, relative, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const web = dirname(fileURLToPath(import.meta.url));
const src = join(web, 'src');
const dist = join(web, 'dist');
const assets = join(dist, 'assets');

await rm(dist, { recursive: true, force: true });
await mkdir(assets, { recursive: true });

const result = await esbuild.build({
  entryPoints: { app: join(src, 'app.js') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020', 'chrome80', 'firefox80', 'safari15'],
  outdir: assets,
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  charset: 'utf8',
  legalComments: 'eof',
  logLevel: 'warning',
});

let js = null;
let css = null;
for (const [out, info] of Object.entries(result.metafile.outputs)) {
  if (info.entryPoint && out.endsWith('.js')) { js = out; css = info.cssBundle || null; }
}
if (!js || !css) throw new Error('build: missing JS or CSS output');

const url = (p) => `/${relative(dist, join(process.cwd(), p)).split('\\').join('/')}`;
const html = (await readFile(join(src, 'index.html'), 'utf8'))
  .replace('%JS%', url(js)).replace('%CSS%', url(css));
if (/<script>|<style|style=/.test(html)) throw new Error('build: inline script or style in index.html');
await writeFile(join(dist, 'index.html.tmp'), html);
await rename(join(dist, 'index.html.tmp'), join(dist, 'index.html'));

const rows = [['index.html', join(dist, 'index.html')], [basename(js), js], [basename(css), css]];
let total = 0;
let totalGz = 0;
for (const [name, p] of rows) {
  const buf = await readFile(p);
  const gz = gzipSync(buf, { level: 9 }).length;
  total += (await stat(p)).size;
  totalGz += gz;
  console.log(`${name.padEnd(28)} ${String(buf.length).padStart(8)} B  ${String(gz).padStart(7)} B gzip`);
}
console.log(`${'total'.padEnd(28)} ${String(total).padStart(8)} B  ${String(totalGz).padStart(7)} B gzip`);
