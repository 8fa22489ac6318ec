// Runs the built-in theme's assets/js/search.js outside a browser for the Go tests: reads a request as
// JSON on standard input ({dir, queries, terms, marks}) and prints, as
// JSON, the URLs each query finds (reading the index's files from dir),
// the query terms of each string of terms and the marked text of each
// mark, folded with the index's fold file as the page folds them.
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
  const terms = [];
  for (const s of req.terms) terms.push(search.queryTerms(s, await index.fold(s)).map((t) => ({ Text: t.text, Prefix: t.prefix })));
  const marks = [];
  for (const m of req.marks) marks.push(search.marks(m.text, m.query, m.around, await index.fold(m.query)));
  process.stdout.write(JSON.stringify({ found, terms, marks }));
})();
