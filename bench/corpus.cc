#include "corpus.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <map>
#include <random>
#include <tuple>

#include "doc/source.h"
#include "time/calendar.h"

namespace frontline::bench {
namespace {

// A sample sentence, with the towns it names (byte ranges of the names and their countries)
// when places are to be varied.
struct Sample {
  std::string text;
  std::vector<std::tuple<size_t, size_t, std::string>> towns;
};

// The sentences of every sample article in `examples_dir`.
std::vector<Sample> SampleSentences(const pipeline::Pipeline& pipeline, const std::string& dir) {
  std::vector<Sample> sentences;
  doc::ReadSources(
      {dir}, {},
      [&](doc::RawDocument&& raw) {
        auto record = pipeline.Process(raw);
        if (!record.ok()) return;
        const pipeline::Record& r = record.value();
        for (size_t i = 0; i < r.text.sentences.size(); ++i) {
          const text::Span span = r.text.sentences[i].span;
          Sample sample{std::string(span.Of(r.document.text)), {}};
          for (const geo::Toponym& t : r.places) {
            if (t.sentence != i || !t.resolved || t.place.level != geo::Level::kPlace) continue;
            sample.towns.emplace_back(t.name_span.begin - span.begin,
                                      t.name_span.end - t.name_span.begin,
                                      std::string(t.place.country));
          }
          sentences.push_back(std::move(sample));
        }
      },
      [](const std::string&, const std::string&) {});
  return sentences;
}

// Towns of 5,000 people or more by country, from the pipeline's gazetteer.
std::map<std::string, std::vector<std::string>> TownsByCountry(const pipeline::Pipeline& pipeline) {
  std::map<std::string, std::vector<std::string>> towns;
  const geo::Gazetteer* gazetteer = pipeline.resources().gazetteer.get();
  if (gazetteer == nullptr) return towns;
  for (uint32_t i = 0; i < gazetteer->size(); ++i) {
    const geo::Place place = gazetteer->place(i);
    if (place.feature_class == 'P' && place.population >= 5000 && !place.country.empty())
      towns[std::string(place.country)].emplace_back(place.name);
  }
  return towns;
}

// The sample with each town it names replaced by a random town of the same country.
std::string Varied(const Sample& sample, const std::map<std::string, std::vector<std::string>>& towns,
                   std::mt19937& rng) {
  std::string out;
  size_t at = 0;
  for (const auto& [begin, length, country] : sample.towns) {
    auto found = towns.find(country);
    if (begin < at || found == towns.end() || found->second.empty()) continue;
    out.append(sample.text, at, begin - at);
    out += found->second[std::uniform_int_distribution<size_t>(0, found->second.size() - 1)(rng)];
    at = begin + length;
  }
  out.append(sample.text, at, std::string::npos);
  return out;
}

}  // namespace

std::vector<doc::RawDocument> GenerateCorpus(const pipeline::Pipeline& pipeline,
                                             const std::string& examples_dir, size_t count,
                                             doc::Format format, unsigned seed,
                                             bool vary_places) {
  const std::vector<Sample> sentences = SampleSentences(pipeline, examples_dir);
  const auto towns = vary_places ? TownsByCountry(pipeline)
                                 : std::map<std::string, std::vector<std::string>>();
  std::vector<doc::RawDocument> corpus;
  if (sentences.empty()) return corpus;
  std::mt19937 rng(seed);
  std::uniform_int_distribution<size_t> pick(0, sentences.size() - 1);
  std::uniform_int_distribution<int> paragraphs(8, 14);
  std::uniform_int_distribution<int> per_paragraph(2, 4);
  corpus.reserve(count);
  for (size_t d = 0; d < count; ++d) {
    std::vector<std::string> paras;
    const int np = paragraphs(rng);
    for (int p = 0; p < np; ++p) {
      std::string para;
      const int ns = per_paragraph(rng);
      for (int s = 0; s < ns; ++s) {
        if (!para.empty()) para.push_back(' ');
        const Sample& sample = sentences[pick(rng)];
        para += vary_places ? Varied(sample, towns, rng) : sample.text;
      }
      paras.push_back(std::move(para));
    }
    doc::RawDocument raw;
    raw.origin = fmt::format("generated-{}", d);
    raw.format = format;
    if (vary_places) {
      // Spread over two years, as an archive is: relative dates ("on Tuesday", "last week")
      // resolve against it.
      const time::Date day = time::AddDays(time::Date{2019, 1, 1},
                                           std::uniform_int_distribution<int>(0, 729)(rng));
      raw.published = time::FormatDate(day);
    }
    std::string& out = raw.bytes;
    if (format == doc::Format::kHtml) {
      out += fmt::format(
          "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Report {0} - "
          "Example News</title><meta property=\"article:published_time\" "
          "content=\"2021-03-{1:02}T08:00:00Z\"><script>var tracking = {{id: {0}}};</script>"
          "<style>body{{font-family:serif}}</style></head><body><header><nav><ul>"
          "<li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li>"
          "<li><a href=\"/politics\">Politics</a></li><li><a href=\"/opinion\">Opinion</a></li>"
          "</ul></nav></header><main><article><h1>Report {0}</h1>"
          "<div class=\"byline\">By Staff Writer</div><div class=\"article-body\">",
          d, 1 + d % 28);
      for (size_t p = 0; p < paras.size(); ++p) {
        out += "<p>" + paras[p] + "</p>";
        if (p == 2) out += "<p class=\"teaser\">Read also: <a href=\"/x\">Another story</a></p>";
      }
      out +=
          "</div><div class=\"share-bar\"><a href=\"#\">Share</a><a href=\"#\">Tweet</a></div>"
          "</article><aside class=\"related\"><h2>Related</h2><ul><li><a href=\"/a\">First "
          "related headline</a></li><li><a href=\"/b\">Second related headline</a></li></ul>"
          "</aside></main><footer><p>All rights reserved.</p></footer></body></html>";
    } else {
      out += fmt::format("Report number {} from the front\n\n", d);
      for (size_t p = 0; p < paras.size(); ++p) {
        out += paras[p];
        out += "\n\n";
        if (p == 2) out += "Read also: another story from the region\n\n";
      }
      out += "Share this article\n\nLEAVE A REPLY\n\nPlease enter your comment!\n";
    }
    corpus.push_back(std::move(raw));
  }
  return corpus;
}

double PeakRssMiB() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace frontline::bench
