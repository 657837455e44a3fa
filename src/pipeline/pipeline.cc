#include "pipeline/pipeline.h"

#include <vector>

namespace frontline::pipeline {

Result<std::unique_ptr<Resources>> Resources::Load(const std::string& data_dir) {
  auto resources = std::make_unique<Resources>();
  Result<text::WordLists> words = text::WordLists::Load(data_dir);
  if (!words.ok()) return words.status();
  resources->words = std::move(words).value();
  Result<doc::FurnitureDictionary> furniture = doc::FurnitureDictionary::Load(data_dir);
  if (!furniture.ok()) return furniture.status();
  resources->furniture = std::move(furniture).value();
  Result<time::Lexicon> lexicon = time::Lexicon::Load(data_dir);
  if (!lexicon.ok()) return lexicon.status();
  resources->time_lexicon = std::move(lexicon).value();
  return resources;
}

Pipeline::Pipeline(const Resources& resources)
    : resources_(&resources),
      reader_(resources.furniture),
      splitter_(resources.words),
      time_(resources.time_lexicon) {}

Result<Record> Pipeline::Process(const doc::RawDocument& raw) const {
  Result<doc::Document> document = reader_.Read(raw);
  if (!document.ok()) return document.status();
  Record record{std::move(document).value(), {}, {}};
  Analyze(record);
  return record;
}

void Pipeline::Analyze(Record& record) const {
  std::vector<text::Span> spans;
  spans.reserve(record.document.paragraphs.size());
  for (const doc::Paragraph& p : record.document.paragraphs) spans.push_back(p.span);
  text::Analyze(record.document.text, spans, splitter_, record.text);
  record.times = time_.Annotate(record.document.text, record.text,
                                time::ParseIsoDate(record.document.published));
}

}  // namespace frontline::pipeline
