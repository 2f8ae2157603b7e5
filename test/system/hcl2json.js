// Parses each file named on the command line with HashiCorp's HCL parser, as
// packaged by @cdktf/hcl2json, and prints one JSON line per file:
// {"file": F, "ok": true, "json": ...} or {"file": F, "ok": false, "error": "..."}.
// NODE_PATH must reach the package (test/system/hcl_differential.py sets it).
const { parse } = require('@cdktf/hcl2json');
const fs = require('fs');

(async () => {
  for (const file of process.argv.slice(2)) {
    let line;
    try {
      const json = await parse(file, fs.readFileSync(file, 'utf8'));
      line = { file, ok: true, json };
    } catch (e) {
      line = { file, ok: false, error: String(e).split('\n')[0].slice(0, 300) };
    }
    process.stdout.write(JSON.stringify(line) + '\n');
  }
})();
