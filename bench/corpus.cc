#include "corpus.h"

#include <fmt/format.h>
#include <sys/resource.h>

#include <cstring>
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

Status FillEvents(store::Connection& db, size_t count, bool with_evidence) {
  static const char* kCountries[] = {"SY", "IQ", "YE", "AF", "LY", "SO", "NG", "UA", "SD", "ML",
                                     "BF", "CD", "MM", "ET", "PS", "IL", "LB", "MZ", "CM", "NE"};
  static const char* kTypes[][3] = {{"armed_clash", "Battles", "clashed"},
                                    {"air_drone_strike", "Explosions/Remote violence", "air strikes"},
                                    {"shelling_artillery_missile_attack", "Explosions/Remote violence", "shelled"},
                                    {"attack", "Violence against civilians", "killed"},
                                    {"peaceful_protest", "Protests", "protested"},
                                    {"arrests", "Strategic developments", "arrested"}};
  std::mt19937_64 random(11);
  db.Exec("BEGIN");
  for (int p = 0; p < 2000; ++p) {
    const int country = p % 20;
    db.Prepare("INSERT INTO places (key, geonameid, name, country, admin1, level, lat, lon) VALUES "
               "(?, ?, ?, ?, ?, 'place', ?, ?)")
        .Bind({fmt::format("gn:{}", 9000000 + p), int64_t{9000000 + p}, fmt::format("Town {}", p),
               kCountries[country], "Province", 10.0 + country + (p % 10) * 0.1,
               30.0 + (p / 20 % 10) * 0.1})
        .Run();
  }
  if (with_evidence) {
    for (int a = 0; a < 200; ++a) {
      const int country = a % 20;
      db.Prepare("INSERT INTO actors (key, actor_id, name, country, sector, inter) VALUES "
                 "(?, ?, ?, ?, ?, ?)")
          .Bind({fmt::format("bench.actor{}", a), fmt::format("bench.actor{}", a),
                 fmt::format("{} Armed Group {}", kCountries[country], a), kCountries[country],
                 a % 3 == 0 ? "state" : "rebel", int64_t{a % 3 == 0 ? 1 : 2}})
          .Run();
    }
  }
  const int64_t first_day = time::DaysFromCivil({2015, 1, 1});
  const std::string now = "2026-01-01T00:00:00Z";
  int64_t document = 0;
  std::string text;
  for (size_t i = 0; i < count; ++i) {
    const int place = static_cast<int>(random() % 2000);
    const int country = place % 20;
    const auto& type = kTypes[random() % 6];
    const std::string date = time::FormatDate(time::CivilFromDays(first_day + static_cast<int64_t>(random() % 3650)));
    const double lat = 10.0 + country + (place % 10) * 0.1, lon = 30.0 + (place / 20 % 10) * 0.1;
    const int64_t deaths = static_cast<int64_t>(random() % 5);
    store::Value actor1 = nullptr, actor2 = nullptr;
    if (with_evidence) {
      actor1 = fmt::format("bench.actor{}", country + 20 * static_cast<int>(random() % 10));
      actor2 = fmt::format("bench.actor{}", country + 20 * static_cast<int>(random() % 10));
    }
    store::Statement& insert = db.Prepare(
        "INSERT INTO events (sub_event_type, event_type, date_start, date_end, date_precision, "
        "date_days, place_id, country, admin1, lat, lon, geo_precision, actor1, actor2, "
        "fatalities, fatalities_min, fatalities_max, modality, sources, mentions, confidence, "
        "updated_at) VALUES (?, ?, ?, ?, 'day', 1, ?, ?, 'Province', ?, ?, 'place', ?, ?, ?, ?, "
        "?, 'fact', 1, 1, 0.7, ?) RETURNING id");
    insert.Bind({type[0], type[1], date, date, int64_t{place + 1}, kCountries[country], lat, lon,
                 actor1, actor2, deaths, deaths, deaths, now});
    int64_t id = 0;
    if (insert.Next()) id = insert.Int(0);
    insert.Run();
    if (db.dialect() == store::Dialect::kSqlite) {
      db.Prepare("INSERT INTO events_rtree (id, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)")
          .Bind({id, lat, lat, lon, lon})
          .Run();
    }
    if (!with_evidence) continue;
    const int64_t seq = static_cast<int64_t>(i % 4);
    if (seq == 0) {
      ++document;
      db.Prepare("INSERT INTO documents (id, url, content_hash, doc_key, title, published, origin, "
                 "text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, 'bench', ?, ?)")
          .Bind({document, fmt::format("https://news.example/{}", document),
                 fmt::format("{:032x}", document), fmt::format("bench:{}", document),
                 fmt::format("Report {} from Town {}", document, place), date,
                 std::string(4 * 160, 'x'), now})
          .Run();
    }
    const std::string sentence = fmt::format(
        "Fighters of {} Armed Group {} {} positions near Town {} on {}, leaving {} people dead, "
        "local sources and a monitoring group said.",
        kCountries[country], place % 200, type[2], place, date, deaths);
    const int64_t start = seq * 160;
    db.Prepare("INSERT INTO sentences (document_id, seq, start_byte, end_byte, text) VALUES "
               "(?, ?, ?, ?, ?)")
        .Bind({document, seq, start, start + static_cast<int64_t>(sentence.size()), sentence})
        .Run();
    const int64_t trigger = static_cast<int64_t>(sentence.find(type[2]));
    const int64_t mention = db.Insert(
        "INSERT INTO mentions (document_id, event_id, seq, sentence, sub_event_type, event_type, "
        "trigger_text, trigger_start, trigger_end, actor1, actor2, place_id, place_text, country, "
        "lat, lon, geo_precision, date_start, date_end, date_precision, date_text, fatalities, "
        "modality, confidence, merge_note) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, 'place', ?, ?, 'day', ?, ?, 'fact', 0.7, 'first report')",
        {document, id, seq, type[0], type[1], type[2], trigger,
         trigger + static_cast<int64_t>(std::strlen(type[2])), actor1, actor2, int64_t{place + 1},
         fmt::format("Town {}", place), kCountries[country], lat, lon, date, date, date, deaths});
    db.Prepare("UPDATE events SET evidence_mention = ? WHERE id = ?").Bind({mention, id}).Run();
    db.Prepare("INSERT INTO event_sources (event_id, document_id) VALUES (?, ?)")
        .Bind({id, document})
        .Run();
  }
  db.Exec("COMMIT");
  db.Exec(db.dialect() == store::Dialect::kSqlite ? "ANALYZE" : "ANALYZE");
  return db.status();
}

}  // namespace frontline::bench
