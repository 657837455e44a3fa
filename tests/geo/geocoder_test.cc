// The geocoder on the canonical article, on a table of spellings in sentences, on context that
// must not make places, and on the UCDP dev rows' Syrian place names. Reads the index that
// tests/geo/build_index.sh builds (skips without it).
#include "geo/geocoder.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "pipeline/pipeline.h"
#include "testing.h"

namespace frontline::geo {
namespace {

class GeocoderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string index = FRONTLINE_TEST_GAZETTEER;
    if (!std::filesystem::exists(index)) return;
    auto resources = pipeline::Resources::Load(testing::DataDir());
    ASSERT_TRUE(resources.ok()) << resources.status().message();
    resources_ = std::move(resources).value().release();
    ASSERT_TRUE(resources_->OpenGazetteer(index).ok());
    pipeline_ = new pipeline::Pipeline(*resources_);
  }

  void SetUp() override {
    if (pipeline_ == nullptr) {
      GTEST_SKIP() << "no gazetteer index at " << FRONTLINE_TEST_GAZETTEER
                   << " (the set-up's npm data packages are missing)";
    }
  }

  // The place mentions of `text`, read as one plain-text document.
  static std::vector<Toponym> Geocode(const std::string& text, pipeline::Record& record) {
    record = pipeline::Record{};
    record.document.text = text;
    record.document.paragraphs.push_back(doc::Paragraph{
        text::Span{0, static_cast<uint32_t>(text.size())}, doc::ParagraphKind::kBody});
    pipeline_->Analyze(record);
    return record.places;
  }

  static pipeline::Resources* resources_;
  static pipeline::Pipeline* pipeline_;
};

pipeline::Resources* GeocoderTest::resources_ = nullptr;
pipeline::Pipeline* GeocoderTest::pipeline_ = nullptr;

TEST_F(GeocoderTest, CanonicalArticle) {
  const std::string path = testing::SharedDir() + "/corpus/idlib-maarat-al-numan-2020-01-28.txt";
  FRONTLINE_REQUIRE_SHARED(path);
  // The article as extract reads it (boilerplate removed).
  doc::RawDocument raw;
  raw.origin = path;
  raw.bytes = testing::ReadFileOrDie(path);
  auto record = pipeline_->Process(raw);
  ASSERT_TRUE(record.ok()) << record.status().message();
  const std::string& text = record.value().document.text;
  bool maarat = false, khan = false, idlib_province = false, damascus = false, aleppo = false,
       border = false;
  for (const Toponym& t : record.value().places) {
    const std::string_view name = t.name_span.Of(text);
    SCOPED_TRACE(std::string(t.span.Of(text)));
    EXPECT_NE(name, "Libya");  // only in the teaser, which boilerplate removal drops
    EXPECT_NE(name, "Turkish");
    EXPECT_EQ(name.find("Assad"), std::string_view::npos);  // "anti-Assad", "Assad's regime"
    EXPECT_EQ(name.find("Qaida"), std::string_view::npos);  // "the Syrian branch of Al- Qaida"
    EXPECT_NE(name, "Moscow");  // "implemented by Damascus and Moscow": the governments
    if (name == "Maarat Al-Nouman") {
      EXPECT_EQ(t.place.id, 167611);
      maarat = true;
    }
    if (name == "Khan Cheikhoun") {
      EXPECT_EQ(t.place.id, 168325);
      khan = true;
    }
    if (name == "Idlib" && t.precision == Precision::kAdmin1) {
      EXPECT_EQ(t.place.level, Level::kAdmin1);
      EXPECT_EQ(t.place.country, "SY");
      EXPECT_EQ(t.precision, Precision::kAdmin1);
      idlib_province = true;
    }
    if (name == "Damascus") {
      EXPECT_EQ(t.place.id, 170654);
      damascus = true;
    }
    if (name == "Aleppo") {
      EXPECT_EQ(t.place.id, 170063);
      aleppo = true;
    }
    if (t.relation == "border") {
      EXPECT_EQ(t.precision, Precision::kRelative);
      EXPECT_EQ(t.place.country, "TR");
      border = true;
    }
  }
  EXPECT_TRUE(maarat);
  EXPECT_TRUE(khan);
  EXPECT_TRUE(idlib_province);
  EXPECT_TRUE(damascus);
  EXPECT_TRUE(aleppo);
  EXPECT_TRUE(border);  // "camps near the border with Turkey"
}

// Context: what must not become a place, and containment and relative phrases (own sentences).
TEST_F(GeocoderTest, Context) {
  pipeline::Record record;
  struct Case {
    std::string text;
    std::string name;      // the mention looked for ("" = no place at all in the text)
    bool present;          // whether it must be found
    std::string relation;  // expected relation when found
  };
  const std::vector<Case> cases = {
      {"President Bashar al-Assad spoke on television.", "", false, ""},
      {"The rebels fought the anti-Assad coalition's rivals.", "Assad", false, ""},
      {"Aleppo soap is sold across the region.", "Aleppo", false, ""},
      {"Homes were destroyed by the storm.", "Homes", false, ""},
      {"Turkish officials said nothing.", "Turkish", false, ""},
      {"Families fled towards the Turkish border.", "Turkish", true, "border"},
      {"Shelling hit villages north of Hama overnight.", "Hama", true, "north of"},
      {"Troops massed in the governorate of Idlib.", "Idlib", true, ""},
      {"Fighting continued in Idlib province.", "Idlib", true, ""},
      {"The convoy reached Kafr Nabl at dawn.", "Kafr Nabl", true, ""},
      {"Protests spread in Homs and Hama.", "Homs", true, ""},
      {"Opponents of Assad's regime gathered in the square.", "Assad", false, ""},
      {"Haftar's forces pushed west of the city.", "Haftar", false, ""},
      {"The truce was brokered by Ankara and Moscow last spring.", "Moscow", false, ""},
      {"The truce was brokered by Ankara and Moscow last spring.", "Ankara", false, ""},
      {"The envoy flew from Ankara to Moscow for talks.", "Moscow", true, ""},
      {"The audit was done by London-based accountants.", "London", true, ""},
      {"Al-Qaida claimed the attack on the convoy.", "Al-Qaida", false, ""},
      {"Thousands camped near the border with Turkey.", "Turkey", true, "border"},
      {"The wounded were taken to Turkey for treatment.", "Turkey", true, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const std::vector<Toponym> found = Geocode(c.text, record);
    if (c.name.empty()) {
      for (const Toponym& t : found) ADD_FAILURE() << "unexpected place " << t.span.Of(c.text);
      continue;
    }
    const Toponym* hit = nullptr;
    for (const Toponym& t : found)
      if (t.name_span.Of(c.text) == c.name) hit = &t;
    EXPECT_EQ(hit != nullptr, c.present);
    if (hit != nullptr && c.present) {
      EXPECT_EQ(hit->relation, c.relation);
    }
  }
}

// At least 150 spellings of 60 places in nine countries, each in a sentence of the project's
// own: the mention is found and resolves to the right GeoNames id.
TEST_F(GeocoderTest, SpellingsTable) {
  std::ifstream in(testing::SourceDir() + "/tests/geo/spellings.tsv");
  ASSERT_TRUE(in);
  std::string line;
  size_t rows = 0, right = 0;
  std::set<int64_t> places;
  pipeline::Record record;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    size_t pos = 0;
    for (size_t tab; (tab = line.find('\t', pos)) != std::string::npos; pos = tab + 1)
      f.push_back(line.substr(pos, tab - pos));
    f.push_back(line.substr(pos));
    ASSERT_EQ(f.size(), 4u) << line;
    const int64_t id = std::stoll(f[0]);
    ++rows;
    places.insert(id);
    bool ok = false;
    for (const Toponym& t : Geocode(f[3], record)) {
      if (t.resolved && t.place.id == id && t.span.Of(f[3]).find(f[2]) != std::string::npos) {
        ok = true;
      }
    }
    if (ok) {
      ++right;
    } else {
      std::cout << "[ MISSED   ] " << f[2] << " (" << id << "): " << f[3] << "\n";
    }
  }
  ASSERT_GE(rows, 150u);
  ASSERT_GE(places.size(), 60u);
  const double share = static_cast<double>(right) / rows;
  std::cout << "[ GEOCODER ] spellings: " << right << " of " << rows << " (" << share << ") over "
            << places.size() << " places\n";
  // Measured 0.93 (2026-11-25); the aim is 0.95. Floor at the measured figure.
  EXPECT_GE(share, 0.92);
}

// UCDP's exact Syrian place names, each geocoded in a sentence of its own.
TEST_F(GeocoderTest, UcdpSyrianPlaces) {
  const std::string rows_path = testing::SharedDir() + "/eval/dev/ucdp-ged-syria.jsonl";
  FRONTLINE_REQUIRE_SHARED(rows_path);
  std::ifstream in(rows_path);
  std::string line;
  size_t rows = 0, within = 0;
  pipeline::Record record;
  while (std::getline(in, line)) {
    const nlohmann::json r = nlohmann::json::parse(line, nullptr, false);
    if (r.is_discarded() || !r.contains("gold")) continue;
    const nlohmann::json& gold = r["gold"];
    if (gold.value("where_prec", 0) != 1 || !gold.contains("where_coordinates") ||
        !gold["where_coordinates"].is_string())
      continue;
    std::string name = gold["where_coordinates"].get<std::string>();
    if (const size_t slash = name.find('/'); slash != std::string::npos) name.resize(slash);
    if (const size_t paren = name.find(" ("); paren != std::string::npos) name.resize(paren);
    ++rows;
    const std::string sentence = "Shelling was reported in " + name + " in Syria.";
    bool near = false;
    std::string got = "nothing";
    for (const Toponym& t : Geocode(sentence, record)) {
      if (!t.resolved || t.place.level == Level::kCountry) continue;
      near = DistanceKm(t.place.position, {gold.value("lat", 0.0), gold.value("lon", 0.0)}) <= 25;
      got = std::string(t.name_span.Of(sentence)) + " -> " + std::string(t.place.name) + " (" +
            std::to_string(t.place.id) + ")";
      break;
    }
    within += near;
    // FRONTLINE_SHOW_MISSES=1 lists the rows that miss, for looking into them.
    if (!near && std::getenv("FRONTLINE_SHOW_MISSES") != nullptr)
      std::cout << "[ MISSED   ] " << gold["where_coordinates"].get<std::string>() << ": " << got
                << "\n";
  }
  ASSERT_GT(rows, 0u);
  const double share = static_cast<double>(within) / rows;
  std::cout << "[ GEOCODER ] UCDP exact Syrian places: " << within << " of " << rows
            << " within 25 km (" << share << ")\n";
  // Measured 0.877 (2026-11-25); the aim is 0.90.
  EXPECT_GE(share, 0.86);
}

}  // namespace
}  // namespace frontline::geo
