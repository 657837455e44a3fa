// The event stage's dictionaries: the shipped files load, and bad entries are reported with
// their file and line.
#include <gtest/gtest.h>

#include "event/actors.h"
#include "event/lexicon.h"
#include "testing.h"

namespace frontline::event {
namespace {

TEST(EventDictionariesTest, ShippedFilesLoad) {
  auto lexicon = EventLexicon::Load(testing::DataDir());
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().message();
  auto actors = ActorDictionary::Load(testing::DataDir());
  ASSERT_TRUE(actors.ok()) << actors.status().message();
  EXPECT_GE(actors.value().size(), 600u);
}

TEST(EventDictionariesTest, ActorsCoverEveryConflictAsked) {
  auto actors = ActorDictionary::Load(testing::DataDir());
  ASSERT_TRUE(actors.ok());
  // Syria, Iraq, Yemen, Libya, Ukraine/Russia, Sudan, the Sahel, Somalia, DRC, Myanmar,
  // Afghanistan, Israel/Palestine, Nigeria, Ethiopia.
  for (std::string_view country : {"SY", "IQ", "YE", "LY", "UA", "RU", "SD", "ML", "BF", "NE",
                                    "SO", "CD", "MM", "AF", "IL", "PS", "NG", "ET"}) {
    size_t n = 0;
    for (uint32_t i = 0; i < actors.value().size(); ++i)
      n += actors.value().actor(i).country == country;
    EXPECT_GE(n, 3u) << country;
  }
}

TEST(EventDictionariesTest, BadEntriesNameTheirLine) {
  struct Case {
    std::string_view text, message;
  };
  const Case lexicon_cases[] = {
      {"capture\tcaptured\tverb\nclash\tclashed\n", "lexicon.txt:2: unknown trigger form"},
      {"# comment\nnonsense\tword\n", "lexicon.txt:2: unknown category \"nonsense\""},
      {"agree\tceasefire|cease-fire|truce\tnoun\n", "lexicon.txt:1: empty phrase, or an alternative"},
      {"vague\tdozens\t99..24 12\n", "lexicon.txt:1: vague quantity needs MIN..MAX BEST"},
      {"count\tkilled\tmaimed\n", "lexicon.txt:1: unknown count kind"},
  };
  for (const Case& c : lexicon_cases) {
    auto r = EventLexicon::Parse(c.text, "lexicon.txt");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.status().message().find(c.message), std::string::npos) << r.status().message();
  }
  const Case actor_cases[] = {
      {"sy.a\tA\tSY\tstate\ta\nsy.a\tB\tSY\tstate\tb\n", "actors.txt:2: duplicate id"},
      {"sy.a\tA\tSY\tsoldiers\ta\n", "actors.txt:1: unknown sector"},
      {"sy.a\tA\tSYR\tstate\ta\n", "actors.txt:1: bad country"},
      {"sy.a\tA\tSY\n", "actors.txt:1: expected ID"},
      {"sy.a\tA\tSY\tstate\ta\tloud\n", "actors.txt:1: unknown flag"},
  };
  for (const Case& c : actor_cases) {
    auto r = ActorDictionary::Parse(c.text, "actors.txt");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_NE(r.status().message().find(c.message), std::string::npos) << r.status().message();
  }
}

}  // namespace
}  // namespace frontline::event
