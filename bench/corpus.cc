#include "corpus.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <random>

#include "doc/source.h"

namespace frontline::bench {
namespace {

// The sentences of every sample article in `examples_dir`.
std::vector<std::string> SampleSentences(const pipeline::Pipeline& pipeline,
                                         const std::string& dir) {
  std::vector<std::string> sentences;
  doc::ReadSources(
      {dir}, {},
      [&](doc::RawDocument&& raw) {
        auto record = pipeline.Process(raw);
        if (!record.ok()) return;
        for (const text::Sentence& s : record.value().text.sentences) {
          sentences.emplace_back(s.span.Of(record.value().document.text));
        }
      },
      [](const std::string&, const std::string&) {});
  return sentences;
}

}  // namespace

std::vector<doc::RawDocument> GenerateCorpus(const pipeline::Pipeline& pipeline,
                                             const std::string& examples_dir, size_t count,
                                             doc::Format format, unsigned seed) {
  const std::vector<std::string> sentences = SampleSentences(pipeline, examples_dir);
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
        para += sentences[pick(rng)];
      }
      paras.push_back(std::move(para));
    }
    doc::RawDocument raw;
    raw.origin = fmt::format("generated-{}", d);
    raw.format = format;
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
