#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <iterator>

#include "cli/commands.h"
#include "pipeline/data_dir.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "time/calendar.h"

namespace frontline::cli {

void WhenCommand::Register(CLI::App& app) {
  app.add_option("text", text_, "the text to read; - for standard input")->required();
  app.add_option("--published", published_,
                 "the publication date (YYYY-MM-DD) that relative expressions count from; "
                 "without it, it is inferred from the text when it can be");
  app.add_flag("--json", json_, "one JSON object per expression instead of a table");
}

int WhenCommand::Run(const GlobalOptions& global) const {
  const std::unique_ptr<pipeline::Resources> resources = LoadResources(global, Places::kNone);
  if (resources == nullptr) return kExitUsage;
  std::optional<time::Date> published;
  if (!published_.empty()) {
    published = time::ParseIsoDate(published_);
    if (!published) {
      std::fprintf(stderr, "frontline when: --published: '%s' is not a date (YYYY-MM-DD)\n",
                   published_.c_str());
      return kExitUsage;
    }
  }
  std::string text = text_;
  if (text == "-")
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  const pipeline::Pipeline pipeline(*resources);
  pipeline::Record record;
  record.document.text = text;
  record.document.paragraphs.push_back(
      doc::Paragraph{text::Span{0, static_cast<uint32_t>(text.size())}, doc::ParagraphKind::kBody});
  record.document.published = published ? time::FormatDate(*published) : "";
  pipeline.Analyze(record);
  const time::DocumentTimes& times = record.times;
  if (json_) {
    for (const time::TimeMention& m : times.mentions) {
      std::printf("%s\n", pipeline::ToJsonLine(pipeline::TimeMentionJson(m, text)).c_str());
    }
    return kExitOk;
  }
  if (times.publication) {
    std::printf("reference date: %s (%s)\n", time::FormatDate(*times.publication).c_str(),
                published ? "given" : "inferred from the text");
  } else {
    std::printf("reference date: unknown (give --published); relative expressions stay undated\n");
  }
  for (const time::TimeMention& m : times.mentions) {
    const time::TimeValue& v = m.has_range ? m.range : m.value;
    std::string resolved =
        v.dated
            ? fmt::format("{} .. {}  {}  {}", time::FormatDate(v.start), time::FormatDate(v.end),
                          time::PrecisionName(v.precision), time::OriginName(v.origin))
            : std::string("(not a date)");
    std::printf("%-28s %-9s %-14s %s%s\n", fmt::format("\"{}\"", m.span.Of(text)).c_str(),
                std::string(time::TimexTypeName(m.value.type)).c_str(), m.value.ToTimex().c_str(),
                resolved.c_str(),
                m.has_range ? fmt::format("   [{}]", m.range_span.Of(text)).c_str() : "");
  }
  return kExitOk;
}

}  // namespace frontline::cli
