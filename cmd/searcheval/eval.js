// Runs queries through bulletin's search.js as the search page does, for
// cmd/searcheval: reads {script, queries: [{entry, query}]} as JSON on
// standard input and prints, per query, the URLs of the first ten results
// and every file of the index the script read for it (the entry
// included), as paths. Each query gets an index of its own, with nothing
// read before: what a reader who opens the page and types it costs.
"use strict";
const fs = require("fs");
const req = JSON.parse(fs.readFileSync(0, "utf8"));
const search = require(req.script);

(async () => {
  const out = [];
  for (const q of req.queries) {
    const files = [];
    const index = new search.Index(q.entry, async (file) => {
      files.push(file);
      return JSON.parse(fs.readFileSync(file, "utf8"));
    });
    const docs = await index.search(q.query, {});
    // The page shows the first ten results at once.
    const urls = [];
    for (const d of docs.slice(0, 10)) urls.push((await index.fragment(d)).u);
    out.push({ urls, files });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
