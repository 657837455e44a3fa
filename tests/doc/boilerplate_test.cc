// Boilerplate removal on blocks: captions, pull quotes, repeats, comment sections, link lists.
#include "doc/boilerplate.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "testing.h"

namespace frontline::doc {
namespace {

struct Row {
  std::string_view description;
  std::vector<Block> blocks;
  std::vector<std::string> body;      // paragraphs of the document, in order
  std::vector<std::string> captions;  // captions of the document, in order
};

Block Body(std::string text) { return Block{std::move(text), BlockRole::kBody, 0, {}}; }
Block Heading(std::string text) { return Block{std::move(text), BlockRole::kHeading, 0, {}}; }
Block Links(std::string text) {
  const auto n = static_cast<uint32_t>(text.size());
  return Block{std::move(text), BlockRole::kListItem, n, {}};
}

std::vector<std::string> Paragraphs(const Document& d) {
  std::vector<std::string> out;
  for (const Paragraph& p : d.paragraphs) out.emplace_back(p.span.Of(d.text));
  return out;
}

const std::string kLead =
    "Government forces pushed into the northern outskirts of the town overnight, residents said, "
    "after a week of artillery fire on the roads leading south.";
const std::string kSecond =
    "A local official said at least 14 people had been killed since Saturday and that the "
    "hospital had run out of fuel for its generators.";
const std::string kQuote = "We will not abandon our homes to the militias";
const std::string kWithQuote =
    "The mayor spoke from the steps of the town hall. \"We will not abandon our homes to the "
    "militias,\" he told a crowd of several hundred people on Sunday.";
const std::string kCaption = "Families leave the shelled market district of the town on Monday.";

TEST(CleanBlocksTest, Table) {
  const std::vector<Row> rows = {
      {"normal paragraphs are kept in order",
       {Heading("Offensive in the north"), Body(kLead), Body(kSecond)},
       {"Offensive in the north", kLead, kSecond},
       {}},
      {"caption repeated with a credit: one caption, no body copy",
       {Body(kCaption), Body(kCaption + " JANE ROE / AFP"), Body(kLead), Body(kSecond)},
       {kLead, kSecond},
       {kCaption}},
      {"caption repeated with a \"Photo: name/Reuters\" credit after the lead",
       {Body(kLead), Body(kCaption), Body(kCaption + " Photo: Jane Roe/Reuters"), Body(kSecond)},
       {kLead, kSecond},
       {kCaption}},
      {"pull quote standing again inside a longer paragraph is dropped",
       {Body(kLead), Body(kQuote), Body(kWithQuote), Body(kSecond)},
       {kLead, kWithQuote, kSecond},
       {}},
      {"exact repeat dropped", {Body(kLead), Body(kSecond), Body(kLead)}, {kLead, kSecond}, {}},
      {"comment section after LEAVE A REPLY dropped entirely",
       {Body(kLead), Body(kSecond), Body("LEAVE A REPLY"),
        Body("Thank you for this report, my cousins live near the bridge and confirm all of it."),
        Body("Please enter your name here"), Body("Stay safe everyone in the north.")},
       {kLead, kSecond},
       {}},
      {"link-heavy block dropped",
       {Body(kLead), Links("Rebels seize airbase Ceasefire talks stall Aid convoy attacked"),
        Body(kSecond)},
       {kLead, kSecond},
       {}},
      {"a paragraph with one short link is kept",
       {Body(kLead), Block{kSecond, BlockRole::kBody, 8, {}}},
       {kLead, kSecond},
       {}},
      {"short block ending in a credit becomes a caption",
       {Body(kLead), Body("A destroyed bridge over the river. JANE ROE / AFP"), Body(kSecond)},
       {kLead, kSecond},
       {"A destroyed bridge over the river."}},
      {"furniture phrases dropped",
       {Body("Share this article"), Body(kLead), Body("Read also: Aid agencies warn of famine"),
        Body(kSecond)},
       {kLead, kSecond},
       {}},
  };
  const FurnitureDictionary& furniture = testing::Resources().furniture;
  for (const Row& row : rows) {
    std::vector<Block> blocks = row.blocks;
    CleanBlocks(blocks, furniture);
    Document document;
    AppendBlocks(blocks, document);
    EXPECT_EQ(Paragraphs(document), row.body) << row.description;
    EXPECT_EQ(document.captions, row.captions) << row.description;
    for (const Block& b : blocks) {
      if (b.role == BlockRole::kDropped) {
        EXPECT_FALSE(b.reason.empty()) << row.description << ": no reason for [" << b.text << "]";
      }
    }
  }
}

TEST(StripCreditTest, Table) {
  struct CreditRow {
    std::string_view text;
    std::string_view kept;  // text without its credit
  };
  const std::vector<CreditRow> rows = {
      {"Civilians flee the shelling on Monday. JANE ROE / AFP",
       "Civilians flee the shelling on Monday."},
      {"Smoke over the port. Photo: Jane Roe/Reuters", "Smoke over the port."},
      {"Smoke over the port.  JOHN DOE/AP", "Smoke over the port."},
      {"Smoke rises over the eastern district (AFP)", "Smoke rises over the eastern district"},
      {"Smoke rises over the port on Sunday. (AFP)", "Smoke rises over the port on Sunday."},
      {"The army said it had retaken the town.", "The army said it had retaken the town."},
      {"Fighting resumed. Roads between Homs and Hama were cut.",
       "Fighting resumed. Roads between Homs and Hama were cut."},
      {"No credit here at all", "No credit here at all"},
      {"", ""},
  };
  for (const CreditRow& row : rows) {
    EXPECT_EQ(row.text.substr(0, StripCredit(row.text)), row.kept) << "[" << row.text << "]";
  }
}

}  // namespace
}  // namespace frontline::doc
