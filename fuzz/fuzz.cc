#include "fuzz/fuzz.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

#include "pipeline/data_dir.h"
#include "doc/source.h"
#include "pipeline/record_json.h"
#include "text/utf8.h"

namespace frontline::fuzz {

std::unique_ptr<pipeline::Resources> LoadResources() {
  auto loaded = pipeline::Resources::Load(pipeline::ResolveDataDir(""));
  if (!loaded.ok()) {
    std::fprintf(stderr, "fuzz: cannot load the dictionaries: %s\n",
                 loaded.status().message().c_str());
    std::abort();
  }
  std::unique_ptr<pipeline::Resources> r = std::move(loaded).value();
  if (const char* index = std::getenv("FRONTLINE_FUZZ_GAZETTEER"); index && *index) {
    if (Status s = r->OpenGazetteer(index); !s.ok()) {
      std::fprintf(stderr, "fuzz: cannot open the gazetteer: %s\n", s.message().c_str());
      std::abort();
    }
  }
  return r;
}

const pipeline::Resources& SharedResources() {
  static const std::unique_ptr<pipeline::Resources> resources = LoadResources();
  return *resources;
}

void Require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz: broken promise: %s\n", what);
  std::abort();
}

namespace {

bool Inside(const text::Span& span, std::string_view text) {
  return span.begin <= span.end && span.end <= text.size();
}

}  // namespace

void CheckDocument(const doc::Document& document) {
  const std::string_view text = document.text;
  Require(text::FindInvalidUtf8(text) == std::string_view::npos, "document text is valid UTF-8");
  uint32_t last_end = 0;
  for (const doc::Paragraph& p : document.paragraphs) {
    Require(Inside(p.span, text), "paragraph inside the text");
    Require(p.span.begin >= last_end, "paragraphs in order");
    Require(p.span.Of(text).find('\n') == std::string_view::npos, "a paragraph is one line");
    last_end = p.span.end;
  }
  Require(text::FindInvalidUtf8(document.title) == std::string_view::npos, "title is UTF-8");
}

void CheckRecord(const pipeline::Record& record, const pipeline::Resources& resources) {
  CheckDocument(record.document);
  const std::string_view text = record.document.text;
  const text::TextLayer& layer = record.text;
  uint32_t last_end = 0;
  for (const text::Sentence& s : layer.sentences) {
    Require(Inside(s.span, text), "sentence inside the text");
    Require(s.span.begin >= last_end, "sentences in order");
    Require(s.token_begin <= s.token_end && s.token_end <= layer.tokens.size(),
            "sentence tokens inside the layer");
    Require(s.token_end - s.token_begin <= text::kMaxSentenceTokens, "sentence length bounded");
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      Require(s.span.Contains(layer.tokens[t].span), "token inside its sentence");
    }
    last_end = s.span.end;
  }
  for (const text::Token& t : layer.tokens) {
    Require(t.fold_begin <= t.fold_end && t.fold_end <= layer.folds.size(), "fold inside folds");
  }
  for (const time::TimeMention& m : record.times.mentions) {
    Require(Inside(m.span, text) && !m.span.empty(), "time mention inside the text");
    Require(m.sentence < layer.sentences.size(), "time mention sentence exists");
    if (m.value.dated) Require(m.value.start <= m.value.end, "a dated time starts before it ends");
    if (m.has_range) {
      Require(Inside(m.range_span, text), "time range words inside the text");
      if (m.range.dated)
        Require(m.range.start <= m.range.end, "a time range starts before it ends");
    }
  }
  for (const geo::Toponym& p : record.places) {
    Require(Inside(p.span, text) && p.span.Contains(p.name_span), "place mention inside the text");
  }
  for (const event::Event& e : record.events) {
    Require(e.sentence < layer.sentences.size(), "event sentence exists");
    Require(layer.sentences[e.sentence].span.Contains(e.trigger), "trigger inside its sentence");
    Require(
        e.date.mention >= -1 && e.date.mention < static_cast<int32_t>(record.times.mentions.size()),
        "event date mention exists");
    Require(
        e.location.toponym >= -1 && e.location.toponym < static_cast<int32_t>(record.places.size()),
        "event place mention exists");
    if (e.date.value.dated) Require(e.date.value.start <= e.date.value.end, "event date ordered");
    Require(e.confidence >= 0 && e.confidence <= 1, "confidence in [0, 1]");
  }
  pipeline::JsonOptions options;
  options.tokens = true;
  options.gazetteer = resources.gazetteer.get();
  options.actors = &resources.actors;
  const std::string line = pipeline::ToJsonLine(pipeline::ToJson(record, options));
  Require(!line.empty() && line.find('\n') == std::string::npos, "the JSON record is one line");
  Require(text::FindInvalidUtf8(line) == std::string_view::npos, "the JSON record is UTF-8");
}

void RunDocument(doc::Format format, const uint8_t* data, size_t size) {
  static const pipeline::Pipeline pipeline(SharedResources());
  doc::RawDocument raw;
  raw.origin = "fuzz";
  raw.format = format;
  raw.bytes.assign(AsText(data, size));
  Result<pipeline::Record> record = pipeline.Process(raw);
  if (record.ok()) CheckRecord(record.value(), pipeline.resources());
}

void RunSource(doc::Format format, const uint8_t* data, size_t size) {
  static const doc::Reader reader(SharedResources().furniture);
  std::istringstream in(std::string(AsText(data, size)));
  doc::SourceOptions options;
  options.format = format;
  options.max_document_bytes = size_t{1} << 20;
  size_t reported = 0;
  const size_t problems = doc::ReadSourceStream(
      "fuzz-input", in, options,
      [&](doc::RawDocument&& raw) {
        Require(raw.format == doc::Format::kText || raw.format == doc::Format::kHtml,
                "a record is text or HTML");
        Require(raw.bytes.size() <= options.max_document_bytes, "a record within the limit");
        if (format == doc::Format::kJsonl) Require(raw.line > 0, "a feed record has its line");
        Result<doc::Document> document = reader.Read(raw);
        if (document.ok()) CheckDocument(document.value());
      },
      [&](const std::string& where, const std::string& what) {
        Require(!where.empty() && !what.empty(), "a problem says where and what");
        ++reported;
      });
  Require(problems == reported, "every problem counted once");
}

}  // namespace frontline::fuzz
