// Micro benchmarks of the text layer's pieces (Google Benchmark).
#include <benchmark/benchmark.h>

#include "corpus.h"
#include "doc/reader.h"
#include "pipeline/data_dir.h"
#include "pipeline/pipeline.h"
#include "text/fold.h"
#include "text/layer.h"

namespace {

using namespace frontline;

struct Fixture {
  std::unique_ptr<pipeline::Resources> resources;
  std::unique_ptr<pipeline::Pipeline> pipeline;
  std::vector<doc::RawDocument> text_docs, html_docs;
  std::vector<pipeline::Record> clean;

  Fixture() {
    resources = std::move(pipeline::Resources::Load(pipeline::ResolveDataDir("")).value());
    pipeline = std::make_unique<pipeline::Pipeline>(*resources);
    const std::string examples = std::string(FRONTLINE_SOURCE_DIR) + "/examples";
    text_docs = bench::GenerateCorpus(*pipeline, examples, 200, doc::Format::kText);
    html_docs = bench::GenerateCorpus(*pipeline, examples, 200, doc::Format::kHtml);
    for (const auto& raw : text_docs) clean.push_back(pipeline->Process(raw).value());
  }
};

const Fixture& F() {
  static const Fixture f;
  return f;
}

void BM_ReadText(benchmark::State& state) {
  const doc::Reader reader(F().resources->furniture);
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const auto& raw = F().text_docs[i++ % F().text_docs.size()];
    benchmark::DoNotOptimize(reader.Read(raw));
    bytes += raw.bytes.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ReadText);

void BM_ReadHtml(benchmark::State& state) {
  const doc::Reader reader(F().resources->furniture);
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const auto& raw = F().html_docs[i++ % F().html_docs.size()];
    benchmark::DoNotOptimize(reader.Read(raw));
    bytes += raw.bytes.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ReadHtml);

void BM_TextLayer(benchmark::State& state) {
  text::TextLayer layer;
  std::vector<text::Span> spans;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const auto& d = F().clean[i++ % F().clean.size()].document;
    spans.clear();
    for (const auto& p : d.paragraphs) spans.push_back(p.span);
    text::Analyze(d.text, spans, F().pipeline->splitter(), layer);
    bytes += d.text.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_TextLayer);

void BM_Fold(benchmark::State& state) {
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const auto& d = F().clean[i++ % F().clean.size()].document;
    benchmark::DoNotOptimize(text::Fold(d.text));
    bytes += d.text.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Fold);

}  // namespace

BENCHMARK_MAIN();
