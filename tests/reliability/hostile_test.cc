// Hostile inputs: what the web serves at its worst, through the whole pipeline (reader,
// boilerplate, text layer, time, geocoding, events) and the record's JSON. The floods of place
// and actor names are kept to a few thousand: the geocoder's document-level resolution grows
// with the square of the mentions (180,000 names took minutes), a limit still to be set. Each case must end in
// a record or in a clear error, never in a crash, a hang or undefined behaviour (the suite runs
// under ASan and UBSan in CI). Every page here was written for this test.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "doc/source.h"
#include "pipeline/record_json.h"
#include "testing.h"

namespace frontline {
namespace {

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kArticle =
    "Government forces shelled the town of Saraqib on Monday, killing three civilians, local "
    "officials said. Rebels retook two villages north of the town on Tuesday.";

struct Hostile {
  const char* name;
  doc::Format format;
  std::string bytes;
  std::string charset = "";
};

std::vector<Hostile> Cases() {
  std::vector<Hostile> c;
  using F = doc::Format;
  // Markup.
  c.push_back({"empty html", F::kHtml, ""});
  c.push_back({"whitespace only", F::kText, Repeat(" \n\t", 5000)});
  c.push_back({"nested divs 50k deep", F::kHtml, Repeat("<div>", 50000) + "<p>" + kArticle + "</p>"});
  c.push_back({"unclosed tags everywhere", F::kHtml, Repeat("<p><b><i><a href=x>", 20000) + kArticle});
  c.push_back({"closing tags only", F::kHtml, Repeat("</div></p></body></html>", 20000)});
  c.push_back({"script megabytes", F::kHtml,
               "<html><body><script>" + Repeat("var x = '<p>not text</p>';\n", 80000) +
                   "</script><article><p>" + kArticle + "</p></article></body></html>"});
  c.push_back({"style megabytes", F::kHtml, "<style>" + Repeat("p{color:red}", 100000) + "</style><p>" + kArticle});
  c.push_back({"attribute of 4 MB", F::kHtml, "<p title=\"" + std::string(4 << 20, 'a') + "\">" + kArticle + "</p>"});
  c.push_back({"comment never closed", F::kHtml, "<p>" + kArticle + "</p><!-- " + Repeat("x", 100000)});
  c.push_back({"entities flood", F::kHtml, "<p>" + Repeat("&amp;&lt;&#x10FFFF;&#0;&#xD800;&bogus;", 20000) + "</p>"});
  c.push_back({"CDATA and processing instructions", F::kHtml,
               "<?xml version='1.0'?><![CDATA[" + kArticle + "]]><?php echo 1; ?><p>" + kArticle + "</p>"});
  c.push_back({"table nesting", F::kHtml, Repeat("<table><tr><td>", 5000) + kArticle});
  c.push_back({"svg and math", F::kHtml, "<svg>" + Repeat("<g><path d='M0 0'/>", 10000) + "</svg><math><mi>x</mi></math><p>" + kArticle});
  c.push_back({"frameset and noscript", F::kHtml, "<frameset><frame src=a></frameset><noscript><p>" + kArticle + "</p></noscript>"});
  c.push_back({"meta charset lies", F::kHtml, "<meta charset=\"utf-16\"><p>" + kArticle + "</p>"});
  c.push_back({"meta charset unknown", F::kHtml, "<meta charset=\"x-klingon\"><p>" + kArticle + "</p>"});
  c.push_back({"json-ld broken", F::kHtml, "<script type=\"application/ld+json\">{\"datePublished\": [[[" + Repeat("[", 10000) + "</script><p>" + kArticle});
  c.push_back({"json-ld dates absurd", F::kHtml, "<script type=\"application/ld+json\">{\"datePublished\": \"99999-99-99T99:99\"}</script><p>" + kArticle});
  c.push_back({"meta date absurd", F::kHtml, "<meta property=\"article:published_time\" content=\"0000-00-00\"><p>" + kArticle});
  // Encodings and Unicode.
  c.push_back({"latin-1 declared utf-8", F::kHtml, "<meta charset=utf-8><p>Caf\xe9 au Ma\xe2rat " + kArticle + "</p>"});
  c.push_back({"utf-16 without bom", F::kText, std::string("G\0o\0v\0e\0r\0n\0m\0e\0n\0t\0", 20)});
  c.push_back({"utf-16 bom odd length", F::kText, std::string("\xff\xfe" "A\0B\0C", 7)});
  c.push_back({"utf-8 bom then latin-1", F::kText, "\xef\xbb\xbf" + kArticle + " caf\xe9"});
  c.push_back({"nul bytes", F::kText, std::string(1000, '\0') + kArticle + std::string(1000, '\0')});
  c.push_back({"truncated utf-8 at end", F::kText, kArticle + "\xe2\x82"});
  c.push_back({"overlong and surrogates", F::kText, "\xc0\x80\xed\xa0\x80\xf4\x90\x80\x80" + kArticle});
  c.push_back({"combining marks flood", F::kText, "Sar" + Repeat("\xcc\x81", 100000) + "aqib " + kArticle});
  c.push_back({"bidi controls", F::kText, Repeat("\xe2\x80\xae\xe2\x80\x8f", 5000) + kArticle});
  c.push_back({"zero-width everywhere", F::kText, Repeat("Saraqib\xe2\x80\x8b", 20000)});
  c.push_back({"private use and noncharacters", F::kText, Repeat("\xef\xbf\xbf\xee\x80\x80", 10000) + kArticle});
  c.push_back({"arabic only", F::kText, Repeat("\xd9\x82\xd8\xb5\xd9\x81 \xd9\x85\xd8\xb9\xd8\xb1\xd8\xa9 ", 3000)});
  c.push_back({"declared charset unknown", F::kText, kArticle, "x-unknown-charset"});
  c.push_back({"declared shift_jis for ascii", F::kText, kArticle, "shift_jis"});
  // Text shapes.
  c.push_back({"one line of 8 MB", F::kText, std::string(8 << 20, 'x')});
  c.push_back({"one word repeated 500k times", F::kText, Repeat("killed ", 500000)});
  c.push_back({"a sentence of 200k tokens", F::kText, Repeat("rebels, ", 200000) + "."});
  c.push_back({"paragraph per line 200k", F::kText, Repeat("a\n", 200000)});
  c.push_back({"dots only", F::kText, std::string(1 << 20, '.')});
  c.push_back({"numbers flood", F::kText, Repeat("1,000,000,000,000,000,000,000 killed ", 20000)});
  c.push_back({"time expressions flood", F::kText, Repeat("on Monday last week three days ago in August since December ", 20000)});
  c.push_back({"years out of range", F::kText, "In 99999999999999999999 and in year -5 and on 31 February 2020, " + kArticle});
  c.push_back({"place names flood", F::kText, Repeat("Aleppo Idlib Saraqib Homs Hama Damascus ", 1500)});
  c.push_back({"actors flood", F::kText, Repeat("Hayat Tahrir al-Sham, Houthis, Wagner, RSF, JNIM clashed. ", 2000)});
  c.push_back({"triggers without anything", F::kText, Repeat("shelled captured abducted fled exploded ", 20000)});
  c.push_back({"quotes never closed", F::kText, Repeat("\"", 100000) + kArticle});
  c.push_back({"brackets deep", F::kText, Repeat("(", 100000) + kArticle + Repeat(")", 100000)});
  c.push_back({"urls and emails", F::kText, Repeat("http://a.example/" + std::string(2000, 'q') + " x@y.z ", 500)});
  return c;
}

TEST(HostileInputTest, EveryCaseEndsInARecordOrAClearError) {
  const pipeline::Pipeline* with_places = testing::GazetteerPipeline();
  const pipeline::Pipeline& pipeline = with_places != nullptr ? *with_places : testing::Pipeline();
  pipeline::JsonOptions options;
  const std::vector<Hostile> cases = Cases();
  ASSERT_GE(cases.size(), 40u);
  for (const Hostile& c : cases) {
    SCOPED_TRACE(c.name);
    doc::RawDocument raw;
    raw.origin = c.name;
    raw.format = c.format;
    raw.bytes = c.bytes;
    raw.charset = c.charset;
    const auto started = std::chrono::steady_clock::now();
    Result<pipeline::Record> record = pipeline.Process(raw);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    // Not a timed assertion: a bound far above any normal run (minutes under the sanitizers),
    // that only a hang or a quadratic blow-up reaches.
    EXPECT_LT(seconds, 240.0);
    std::fprintf(stderr, "  %-40s %8.2f s\n", c.name, seconds);
    if (!record.ok()) {
      EXPECT_FALSE(record.status().message().empty());
      continue;
    }
    const std::string line = pipeline::ToJsonLine(pipeline::ToJson(record.value(), options));
    const nlohmann::json parsed = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << "the record is not valid JSON";
    EXPECT_EQ(line.find('\n'), std::string::npos);
    // Offsets stay inside the text.
    const size_t size = record.value().document.text.size();
    for (const auto& s : parsed["sentences"]) {
      EXPECT_LE(s["start"].get<size_t>(), s["end"].get<size_t>());
      EXPECT_LE(s["end"].get<size_t>(), size);
    }
  }
}

// Feeds with broken lines: every good record comes out, every bad line is said with its number.
TEST(HostileInputTest, BrokenFeedLines) {
  testing::TempDir dir;
  const std::string good = R"({"url": "https://example.org/a", "text": "Rebels shelled the town."})";
  std::string feed;
  feed += good + "\n";
  feed += "{\"url\": \"https://example.org/b\", \"text\": \"cut here\n";  // unterminated
  feed += "\n\n   \n";                                                // blank lines
  feed += "[1, 2, 3]\n";                                              // not an object
  feed += "{\"text\": 42}\n";                                          // wrong type
  feed += "{\"url\": \"x\"}\n";                                        // no content
  feed += Repeat("{\"a\":", 5000) + "1" + Repeat("}", 5000) + "\n";   // nested deep
  feed += "{\"text\": \"" + std::string(3 << 20, 'y') + "\"}\n";     // over the limit below
  feed += std::string("{\"text\": \"nul \0 inside\"}\n", 26);
  feed += "\xff\xfe{\"text\": \"bom\"}\n";
  feed += good + "\n";
  feed += good;  // no final newline
  const std::string path = dir.Write("broken.jsonl", feed);
  doc::SourceOptions options;
  options.max_document_bytes = size_t{2} << 20;
  std::vector<doc::RawDocument> documents;
  std::vector<std::string> problems;
  doc::ReadSources({path}, options, [&](doc::RawDocument&& raw) { documents.push_back(std::move(raw)); },
                   [&](const std::string& where, const std::string& what) { problems.push_back(where + ": " + what); });
  ASSERT_GE(documents.size(), 3u);
  EXPECT_EQ(documents.front().line, 1u);
  EXPECT_EQ(documents.back().line, 14u);
  std::string all;
  for (const std::string& p : problems) all += p + "\n";
  for (const char* line : {":2:", ":6:", ":7:", ":8:", ":9:", ":10:", ":11:", ":12:"}) {
    EXPECT_NE(all.find(line), std::string::npos) << line << "\n" << all;
  }
  for (const doc::RawDocument& raw : documents) {
    Result<pipeline::Record> record = testing::Pipeline().Process(raw);
    if (record.ok()) {
      EXPECT_FALSE(nlohmann::json::parse(pipeline::ToJsonLine(pipeline::ToJson(record.value(), {})), nullptr,
                                         false)
                       .is_discarded());
    }
  }
}

}  // namespace
}  // namespace frontline
