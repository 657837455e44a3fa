// Fuzz target: time expressions. The first two bytes pick the publication date (a day between
// 1990 and 2169; 0xFFFF: none stated, so it is inferred from the text), the rest is the text,
// one paragraph a line. Every expression found must lie in the text, resolve to an ordered
// range and have a TIMEX3 value.
#include <optional>
#include <string>

#include "fuzz/fuzz.h"
#include "text/utf8.h"
#include "time/calendar.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace frontline;
  static const pipeline::Pipeline pipeline(fuzz::SharedResources());
  if (size < 2) return 0;
  const unsigned day = data[0] | (unsigned{data[1]} << 8);
  std::optional<time::Date> published;
  if (day != 0xFFFF) published = time::AddDays(time::Date{1990, 1, 1}, static_cast<int>(day));
  doc::Document document;
  std::string_view rest = fuzz::AsText(data + 2, size - 2);
  std::string valid;
  // The text layer takes clean documents only: valid UTF-8, one paragraph a line.
  for (size_t pos = 0; pos < rest.size();) {
    const size_t bad = text::FindInvalidUtf8(rest.substr(pos));
    if (bad == std::string_view::npos) {
      valid.append(rest.substr(pos));
      break;
    }
    valid.append(rest.substr(pos, bad));
    pos += bad + 1;
  }
  for (size_t pos = 0; pos <= valid.size();) {
    size_t eol = valid.find('\n', pos);
    if (eol == std::string::npos) eol = valid.size();
    const std::string_view line = std::string_view(valid).substr(pos, eol - pos);
    if (!line.empty() && line.find('\r') == std::string_view::npos) {
      doc::AppendParagraph(document, line, doc::ParagraphKind::kBody);
    }
    pos = eol + 1;
  }
  std::vector<text::Span> paragraphs;
  for (const doc::Paragraph& p : document.paragraphs) paragraphs.push_back(p.span);
  text::TextLayer layer;
  text::Analyze(document.text, paragraphs, pipeline.splitter(), layer);
  const time::DocumentTimes times = pipeline.time_stage().Annotate(document.text, layer, published);
  for (const time::TimeMention& m : times.mentions) {
    fuzz::Require(m.span.begin < m.span.end && m.span.end <= document.text.size(),
                  "time mention inside the text");
    fuzz::Require(!m.value.ToTimex().empty(), "a TIMEX3 value");
    if (m.value.dated) fuzz::Require(m.value.start <= m.value.end, "an ordered range");
  }
  return 0;
}
