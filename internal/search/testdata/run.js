// Runs the built-in theme's assets/js/search.js outside a browser for the Go tests: reads a request as
// JSON on standard input ({dir, queries, terms}) and prints, as JSON, the
// URLs each query finds (reading the index's files from dir) and the
// query terms of each string of terms.
"use strict";
const fs = require("fs");
const path = require("path");
const search = require(path.join(__dirname, "..", "..", "..", "assets", "js", "search.js"));

const req = JSON.parse(fs.readFileSync(0, "utf8"));
const index = new search.Index(req.dir + "/index.json", async (file) => JSON.parse(fs.readFileSync(file, "utf8")));
(async () => {
  const found = [];
  for (const q of req.queries) {
    const docs = await index.search(q.query, q.filter);
    const urls = [];
    for (const d of docs.slice(0, 10)) urls.push((await index.fragment(d)).u);
    found.push(urls);
  }
  const terms = req.terms.map((s) => search.queryTerms(s).map((t) => ({ Text: t.text, Prefix: t.prefix })));
  const marks = req.marks.map((m) => search.marks(m.text, m.query, m.around));
  process.stdout.write(JSON.stringify({ found, terms, marks }));
})();
