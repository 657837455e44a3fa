// Corpora for the benchmarks: read from disk, or generated from the project's own sample
// articles in examples/ (sentences reshuffled into new documents with page furniture around
// them), so that throughput can be measured at any size without outside data.
#ifndef FRONTLINE_BENCH_CORPUS_H_
#define FRONTLINE_BENCH_CORPUS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "doc/document.h"
#include "pipeline/pipeline.h"
#include "store/sql.h"

namespace frontline::bench {

// `count` documents of news length (about 4-6 KB of text each), plain text with furniture lines
// (kText) or full HTML pages with navigation, share bars and footers (kHtml). Deterministic for
// a given seed. With `vary_places`, each town a sentence names is replaced by a random town of
// 5,000 people or more of the same country (from the pipeline's gazetteer), so that the
// documents report events spread over a country as a day's feeds do, rather than the samples'
// few towns reported thousands of times; each document then also gets a publication date
// spread over 2019-2020.
std::vector<doc::RawDocument> GenerateCorpus(const pipeline::Pipeline& pipeline,
                                             const std::string& examples_dir, size_t count,
                                             doc::Format format, unsigned seed = 7,
                                             bool vary_places = false);

// Inserts `count` events straight into a store's tables, as merged events look: 20 countries,
// dates over 2015-2024, 2,000 places on a grid per country. With `with_evidence`, each event
// also gets two actors (of 200), and a report: a mention in a stored document (four events a
// document) whose sentence is the evidence, as ingested events have; without, events alone.
Status FillEvents(store::Connection& db, size_t count, bool with_evidence = false);

// Peak resident set size of this process so far, in MiB.
double PeakRssMiB();

}  // namespace frontline::bench

#endif  // FRONTLINE_BENCH_CORPUS_H_
