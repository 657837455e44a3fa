// The furniture dictionary: which blocks of a page are share bars, teasers, paywall notices,
// comment forms, and which are news.
#include "doc/furniture.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "testing.h"

namespace frontline::doc {
namespace {

struct Row {
  std::string_view block;
  std::optional<std::string_view> category;  // nullopt: must not match
};

void CheckRows(const FurnitureDictionary& dict, const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    const std::optional<FurnitureMatch> got = dict.Match(row.block);
    if (!row.category) {
      EXPECT_FALSE(got.has_value()) << "[" << row.block << "] matched '" << got->phrase << "' ("
                                    << got->category << ") but is news";
      continue;
    }
    ASSERT_TRUE(got.has_value()) << "[" << row.block << "] should be " << *row.category;
    EXPECT_EQ(got->category, *row.category)
        << "[" << row.block << "] matched '" << got->phrase << "'";
  }
}

constexpr std::string_view kSmallDictionary =
    "# a small dictionary for the tests\n"
    "\n"
    "line\tshare\tshare this article\n"
    "line\tcomments\tleave a reply\n"
    "prefix\tteaser\tread also\n"
    "prefix\tteaser\tlire aussi :\n"
    "prefix\tteaser\tmore:\n"
    "prefix\tlegal\t\xC2\xA9\n"  // ©, a prefix with no letters
    "contains\tpaywall\treserved for our subscribers\n"
    "contains\tcomments\tplease enter your name\n";

TEST(FurnitureDictionaryTest, SmallDictionary) {
  const Result<FurnitureDictionary> dict =
      FurnitureDictionary::Parse(kSmallDictionary, "small.txt");
  ASSERT_TRUE(dict.ok()) << dict.status().message();
  EXPECT_EQ(dict.value().size(), 8u);
  const std::string long_block =
      "Reporters saw convoys on the road, and officials said that the offer was reserved for our "
      "subscribers in a speech that went on and on about trucks, fuel, water, bread, schools, "
      "clinics, roads, bridges, wells, markets and the many other things that the war destroyed.";
  CheckRows(
      dict.value(),
      {
          {"Share this article", "share"},
          {"SHARE THIS ARTICLE!", "share"},
          {"  share this   article ", "share"},
          {"Share this article with your friends and family", std::nullopt},
          {"LEAVE A REPLY", "comments"},
          {"Leave a reply:", "comments"},
          {"Read also: In Libya, the big bargain", "teaser"},
          {"READ ALSO In Libya, the big bargain", "teaser"},
          {"Lire aussi : Au Mali, la junte", "teaser"},
          {"Already read also", std::nullopt},
          {"More: Sudan's army retakes the capital", "teaser"},
          // The colon is part of a prefix phrase: "more:" does not condemn "More than ...".
          {"More than 200 people were killed in the attack, officials said.", std::nullopt},
          {"Article reserved for our subscribers Read also In Libya, the big bargain", "paywall"},
          {"\xC2\xA9 2024 The Example Times", "legal"},
          {"Please enter your name here", "comments"},
          {long_block, std::nullopt},  // contains phrases only condemn short blocks
          {"Rebels said they would share power with the council.", std::nullopt},
          {"", std::nullopt},
      });
}

TEST(FurnitureDictionaryTest, MatchReportsPhraseAndWholeLine) {
  const Result<FurnitureDictionary> dict =
      FurnitureDictionary::Parse(kSmallDictionary, "small.txt");
  ASSERT_TRUE(dict.ok()) << dict.status().message();
  const auto line = dict.value().Match("Leave a Reply");
  ASSERT_TRUE(line.has_value());
  EXPECT_EQ(line->phrase, "leave a reply");
  EXPECT_TRUE(line->whole_line);
  const auto prefix = dict.value().Match("Read also: the siege of Mariupol");
  ASSERT_TRUE(prefix.has_value());
  EXPECT_EQ(prefix->phrase, "read also");
  EXPECT_FALSE(prefix->whole_line);
}

TEST(FurnitureDictionaryTest, RealDictionary) {
  const Result<FurnitureDictionary> dict = FurnitureDictionary::Load(testing::DataDir());
  ASSERT_TRUE(dict.ok()) << dict.status().message();
  EXPECT_GT(dict.value().size(), 100u);
  CheckRows(
      dict.value(),
      {
          {"LEAVE A REPLY", "comments"},
          {"Please enter your name here", "comments"},
          {"Please enter your comment!", "comments"},
          {"Article reserved for our subscribers Read also In Libya, the big bargain", "paywall"},
          {"Lire aussi : Au Sahel, l'armée se replie vers le sud", "teaser"},
          {"Read also: Sudan's army retakes the capital's centre", "teaser"},
          {"Share this article", "share"},
          {"Share this story", "share"},
          {"More: Sudan's army retakes the capital's centre", "teaser"},
          // News that shares words with furniture phrases ("more:", "video:", "related:" are
          // prefixes whose colon is part of the match).
          {"More than 200 people were killed in the attack, officials said.", std::nullopt},
          {"Video footage verified by reporters showed tanks entering the town.", std::nullopt},
          {"Related clashes were reported in the south of the province.", std::nullopt},
          // Agency names in running text are not photo credits ("reuters/", "dpa/" are).
          {"Two soldiers were killed in the attack, a military source told Reuters on Monday.",
           std::nullopt},
          {"Bei dem Angriff wurden zwei Soldaten getötet, wie die dpa am Montag berichtete.",
           std::nullopt},
          {"Getty Images", "credit"},
          {"Rebels said they would share power with the council.", std::nullopt},
          {"Residents were asked to leave the area, a reply to the ultimatum.", std::nullopt},
          {"The commander refused to reply to questions about the subscribers of the militia's "
           "channel.",
           std::nullopt},
          {"He read also the names of the dead aloud, one by one, at the funeral in Deir ez-Zor.",
           std::nullopt},
          {"Troops entered the town on Tuesday after three days of shelling, residents said.",
           std::nullopt},
      });
}

TEST(FurnitureDictionaryTest, ParseErrorsNameFileAndLine) {
  struct ErrorRow {
    std::string_view contents;
    std::string_view message_starts;
  };
  const std::vector<ErrorRow> rows = {
      {"line\tshare\tshare\nbogus\tshare\tshare this\n", "dict.txt:2: unknown kind"},
      {"# comment\n\nline share share\n", "dict.txt:3: "},
      {"line\tshare\t\n", "dict.txt:1: "},
      {"contains\tshare\t!!!\n", "dict.txt:1: "},
  };
  for (const ErrorRow& row : rows) {
    const Result<FurnitureDictionary> dict = FurnitureDictionary::Parse(row.contents, "dict.txt");
    ASSERT_FALSE(dict.ok()) << "[" << row.contents << "] parsed";
    EXPECT_TRUE(dict.status().message().starts_with(row.message_starts))
        << "[" << row.contents << "]: " << dict.status().message();
  }
}

TEST(FurnitureDictionaryTest, EmptyDictionaryMatchesNothing) {
  const Result<FurnitureDictionary> dict = FurnitureDictionary::Parse("# nothing\n", "empty.txt");
  ASSERT_TRUE(dict.ok()) << dict.status().message();
  EXPECT_EQ(dict.value().size(), 0u);
  EXPECT_FALSE(dict.value().Match("Share this article").has_value());
}

}  // namespace
}  // namespace frontline::doc
