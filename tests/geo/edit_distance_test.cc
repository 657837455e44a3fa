// The bit-parallel spelling distance against the textbook table, on spellings and on random
// strings of every length up to and past one machine word.
#include "geo/edit_distance.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace frontline::geo {
namespace {

TEST(EditDistanceTest, KnownDistances) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("maarrat", "maarat"), 1u);
  EXPECT_EQ(SpellingDistance("maarrat an numan").To("maarat al numan"), 2u);
  EXPECT_EQ(SpellingDistance("khan shaykhun").To("khan cheikhoun"), 4u);
  EXPECT_EQ(SpellingDistance("idlib").To(""), 5u);
  EXPECT_EQ(SpellingDistance("").To("idlib"), 5u);
}

TEST(EditDistanceTest, BoundStopsEarly) {
  EXPECT_EQ(EditDistance("deir ez zor", "dayr az zawr", 2), 3u);
  EXPECT_EQ(SpellingDistance("deir ez zor").To("dayr az zawr", 2), 3u);
  EXPECT_EQ(SpellingDistance("raqqa").To("raqqah", 2), 1u);
  EXPECT_EQ(SpellingDistance("aleppo").To("a much longer name than that", 3), 4u);
}

TEST(EditDistanceTest, BitParallelAgreesWithTheTable) {
  std::mt19937 random(20201128);
  const std::string letters = "aeiklmnorstuz ";
  auto make = [&](size_t length, size_t alphabet) {
    std::string s;
    for (size_t i = 0; i < length; ++i) s.push_back(letters[random() % alphabet]);
    return s;
  };
  size_t compared = 0;
  for (size_t length = 0; length <= 80; ++length) {
    for (int trial = 0; trial < 40; ++trial) {
      const size_t alphabet = 2 + trial % (letters.size() - 1);
      const std::string name = make(length, alphabet);
      const SpellingDistance distance(name);
      const std::string other = make(random() % 90, alphabet);
      const size_t table = EditDistance(name, other);
      ASSERT_EQ(distance.To(other), table) << "'" << name << "' to '" << other << "'";
      for (size_t bound : {0, 1, 2, 5}) {
        ASSERT_EQ(distance.To(other, bound), std::min(table, bound + 1))
            << "'" << name << "' to '" << other << "' within " << bound;
        ASSERT_EQ(EditDistance(name, other, bound), std::min(table, bound + 1));
      }
      ++compared;
    }
  }
  EXPECT_EQ(compared, 81u * 40u);
}

}  // namespace
}  // namespace frontline::geo
