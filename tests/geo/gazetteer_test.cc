// The gazetteer: dump files read and merged, places found by spelling, measured on the shared
// village-level Syrian file and the UCDP dev rows' place names.
#include "geo/gazetteer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "geo/name_key.h"
#include "testing.h"

namespace frontline::geo {
namespace {

struct Problems {
  std::vector<std::pair<std::string, std::string>> list;
  std::function<void(const std::string&, const std::string&)> sink() {
    return [this](const std::string& where, const std::string& what) {
      list.emplace_back(where, what);
    };
  }
};

// Three rows in GeoNames' layout (ids, names and coordinates are GeoNames facts) and one broken.
constexpr std::string_view kDump =
    "167611\tMa`arrat an Nu`man\tMa`arrat an Nu`man\tMaarat al-Numan,Maaret "
    "al-Noman\t35.64759\t36.67412\tP\tPPLA2\tSY\t\t12\t\t\t\t58008\t\t\t\t2023-01-01\n"
    "168325\tKhan Shaykhun\tKhan Shaykhun\tKhan "
    "Sheikhoun\t35.44208\t36.65095\tP\tPPLA3\tSY\t\t12\t\t\t\t48975\t\t\t\t2023-01-01\n"
    "this line is not a GeoNames row\n"
    "163345\tTallkalakh\tTallkalakh\tTell "
    "Kalakh\t34.66842\t36.25995\tP\tPPLA2\tSY\t\t11\t\t\t\t20000\t\t\t\t2023-01-01\n";

TEST(GazetteerTest, ReadsDumpsAndFindsSpellings) {
  testing::TempDir dir;
  const std::string path = dir.Write("SY-own.txt", kDump);
  Problems problems;
  auto g = Gazetteer::FromDumps({path}, problems.sink());
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(g.value().size(), 3u);
  ASSERT_EQ(problems.list.size(), 1u);
  EXPECT_EQ(problems.list[0].first, path + ":3");
  const struct {
    std::string name;
    int64_t id;
  } rows[] = {
      {"Maarat Al-Nouman", 167611}, {"Ma'arrat an-Nu'man", 167611}, {"Marat Alnuman", 167611},
      {"Khan Cheikhoun", 168325},   {"Khan Shaykhun", 168325},      {"Tell Kalakh", 163345},
  };
  for (const auto& row : rows) {
    const auto found = g.value().Lookup(row.name, "SY");
    ASSERT_FALSE(found.empty()) << row.name;
    EXPECT_EQ(found.front().place.id, row.id) << row.name;
  }
  EXPECT_TRUE(g.value().Lookup("Damascus").empty());
}

TEST(GazetteerTest, MissingFileFails) {
  Problems problems;
  auto g = Gazetteer::FromDumps({"/nonexistent/SY.txt"}, problems.sink());
  ASSERT_FALSE(g.ok());
  EXPECT_NE(g.status().message().find("/nonexistent/SY.txt"), std::string::npos);
}

TEST(GazetteerTest, DistanceKm) {
  // Damascus to Aleppo: about 310 km.
  const double d = DistanceKm({33.5138, 36.2765}, {36.2021, 37.1343});
  EXPECT_NEAR(d, 310, 10);
  EXPECT_DOUBLE_EQ(DistanceKm({10, 20}, {10, 20}), 0);
}

// For 5,000 alternate Latin names of the Syrian file, each unique in the file, the place that
// bears it comes first.
TEST(GazetteerTest, SyrianAlternateNamesFindTheirPlace) {
  const std::string path = testing::SharedDir() + "/gazetteer/SY.txt";
  FRONTLINE_REQUIRE_SHARED(path);
  Problems problems;
  auto g = Gazetteer::FromDumps({path}, problems.sink());
  ASSERT_TRUE(g.ok()) << g.status().message();
  // Every (name, place) pair, and how many places each folded name belongs to.
  std::ifstream in(path);
  std::string line;
  std::vector<std::pair<std::string, int64_t>> pairs;
  std::map<std::string, std::set<int64_t>> owners;
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    size_t pos = 0;
    for (size_t tab; (tab = line.find('\t', pos)) != std::string::npos; pos = tab + 1)
      cols.push_back(line.substr(pos, tab - pos));
    cols.push_back(line.substr(pos));
    if (cols.size() < 4) continue;
    const int64_t id = std::stoll(cols[0]);
    for (size_t p = 0; p < cols[3].size();) {
      size_t c = cols[3].find(',', p);
      if (c == std::string::npos) c = cols[3].size();
      const std::string name = cols[3].substr(p, c - p);
      p = c + 1;
      bool latin = !name.empty();
      for (unsigned char ch : name)
        latin = latin &&
                (ch < 0x80 || ch == 0xC3 || ch == 0xC4 || ch == 0xC5 || (ch >= 0x80 && ch < 0xC0));
      if (!latin) continue;
      pairs.emplace_back(name, id);
      owners[LatinFold(name)].insert(id);
    }
  }
  std::mt19937 rng(11);
  std::shuffle(pairs.begin(), pairs.end(), rng);
  size_t tried = 0, right = 0;
  for (const auto& [name, id] : pairs) {
    if (tried == 5000) break;
    if (owners[LatinFold(name)].size() != 1) continue;
    ++tried;
    const auto found = g.value().Lookup(name, "SY", 1);
    right += !found.empty() && found.front().place.id == id;
  }
  ASSERT_GT(tried, 1000u);
  const double share = static_cast<double>(right) / tried;
  std::cout << "[ GAZETTEER] " << right << " of " << tried
            << " unique alternate names of SY.txt find their place first (" << share << ")\n";
  EXPECT_GE(share, 0.90);
}

// UCDP's exact Syrian place names ("Kafr Nabl village", "Duma town"): the first place found is
// within 25 km of the coordinates the coders recorded. Reports the share.
TEST(GazetteerTest, UcdpSyrianPlaceNames) {
  const std::string rows_path = testing::SharedDir() + "/eval/dev/ucdp-ged-syria.jsonl";
  const std::string gazetteer_path = testing::SharedDir() + "/gazetteer/SY.txt";
  FRONTLINE_REQUIRE_SHARED(rows_path);
  FRONTLINE_REQUIRE_SHARED(gazetteer_path);
  Problems problems;
  auto g = Gazetteer::FromDumps({gazetteer_path}, problems.sink());
  ASSERT_TRUE(g.ok()) << g.status().message();
  std::ifstream in(rows_path);
  std::string line;
  size_t rows = 0, found = 0, within = 0;
  while (std::getline(in, line)) {
    const nlohmann::json r = nlohmann::json::parse(line, nullptr, false);
    if (r.is_discarded() || !r.contains("gold")) continue;
    const nlohmann::json& gold = r["gold"];
    if (gold.value("where_prec", 0) != 1 || !gold.contains("where_coordinates") ||
        !gold["where_coordinates"].is_string())
      continue;
    std::string written = gold["where_coordinates"].get<std::string>();
    // UCDP writes alternatives ("Tadmur/Palmyra") and the kind of place ("Duma town").
    std::vector<std::string> names;
    for (size_t p = 0; p <= written.size();) {
      size_t slash = written.find('/', p);
      if (slash == std::string::npos) slash = written.size();
      std::string name = written.substr(p, slash - p);
      p = slash + 1;
      if (const size_t paren = name.find(" ("); paren != std::string::npos) name.resize(paren);
      while (!name.empty() && name.back() == ' ') name.pop_back();
      for (std::string_view suffix : {" village", " town", " city", " camp", " suburb",
                                      " neighbourhood", " neighborhood", " district", " area"}) {
        if (name.size() > suffix.size() && name.ends_with(suffix))
          name.resize(name.size() - suffix.size());
      }
      names.push_back(name);
    }
    ++rows;
    std::vector<Gazetteer::Match> places;
    for (const std::string& name : names) {
      places = g.value().Lookup(name, "SY", 1);
      if (!places.empty()) break;
    }
    if (places.empty()) continue;
    ++found;
    if (DistanceKm(places.front().place.position, {gold.value("lat", 0.0), gold.value("lon", 0.0)}) <=
        25)
      ++within;
  }
  ASSERT_GT(rows, 0u);
  // Regression floor at the share reached by name alone (0.890); the geocoder, with the
  // document's context, is to reach 0.90.
  EXPECT_GE(static_cast<double>(within) / rows, 0.87);
  std::cout << "[ GAZETTEER] UCDP exact Syrian places: " << rows << " rows, " << found << " found, "
            << within << " within 25 km (" << static_cast<double>(within) / rows << ")\n";
}

}  // namespace
}  // namespace frontline::geo
