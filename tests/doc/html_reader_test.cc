// HTML reader: metadata, article body, captions, furniture, truncated and hostile pages.
#include "doc/html_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "testing.h"

namespace frontline::doc {
namespace {

// An article body long enough for the reader to recognise it as one.
constexpr std::string_view kArticle =
    "<article>"
    "<p>Government forces pushed into the northern outskirts of the town overnight, residents "
    "said, after a week of artillery fire on the roads leading south.</p>"
    "<p>A local official said at least 14 people had been killed since Saturday, and that the "
    "hospital, the only one in the district, had run out of fuel for its generators.</p>"
    "<p>Aid agencies said thousands of families had left for camps near the border, many of them "
    "on foot, carrying what they could.</p>"
    "</article>";

std::string Page(std::string_view head, std::string_view body, std::string_view html_attrs = "") {
  std::string out = "<!DOCTYPE html><html";
  if (!html_attrs.empty()) out += " " + std::string(html_attrs);
  out += "><head><meta charset=\"utf-8\">";
  out += head;
  out += "</head><body>";
  out += body;
  out += "</body></html>";
  return out;
}

Document Read(std::string_view html) {
  Document document;
  ReadHtml(html, testing::Resources().furniture, document);
  return document;
}

struct MetaRow {
  std::string_view description;
  std::string html;
  std::string_view published;
  std::string_view published_from;
};

TEST(ReadHtmlTest, PublishedDatePrecedence) {
  const std::string jsonld =
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
      "\"@type\":\"NewsArticle\",\"headline\":\"Town "
      "falls\",\"datePublished\":\"2020-01-27T08:00:00Z\"}"
      "</script>";
  const std::string graph =
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
      "{\"@type\":\"WebSite\",\"name\":\"Example Daily\"},"
      "{\"@type\":\"NewsArticle\",\"headline\":\"Town "
      "falls\",\"datePublished\":\"2021-03-29T10:00:00+02:00\"}]}"
      "</script>";
  const std::string meta =
      "<meta property=\"article:published_time\" content=\"2020-01-28T09:30:00Z\">";
  const std::string time = "<time datetime=\"2020-01-26\">26 January 2020</time>";
  const std::string canonical =
      "<link rel=\"canonical\" href=\"https://news.example/world/2020/01/25/town-falls\">";
  const std::string body = std::string(kArticle);
  const std::vector<MetaRow> rows = {
      {"meta beats JSON-LD, <time> and URL", Page(canonical + meta + jsonld, time + body),
       "2020-01-28T09:30:00Z", "meta"},
      {"JSON-LD beats <time> and URL", Page(canonical + jsonld, time + body),
       "2020-01-27T08:00:00Z", "json-ld"},
      {"JSON-LD inside @graph", Page(graph, body), "2021-03-29T10:00:00+02:00", "json-ld"},
      {"<time datetime> beats the URL", Page(canonical, time + body), "2020-01-26", "time"},
      {"URL date as the last resort", Page(canonical, body), "2020-01-25", "url"},
      {"no date anywhere", Page("", body), "", ""},
  };
  for (const MetaRow& row : rows) {
    const Document d = Read(row.html);
    EXPECT_EQ(d.published, row.published) << row.description;
    EXPECT_EQ(d.published_from, row.published_from) << row.description;
  }
}

TEST(ReadHtmlTest, UrlLanguageAndTitle) {
  struct Row {
    std::string_view description;
    std::string html;
    std::string_view url, language, title;
  };
  const std::string body = std::string(kArticle);
  const std::vector<Row> rows = {
      {"canonical link beats og:url",
       Page("<meta property=\"og:url\" href=\"x\" content=\"https://news.example/og\">"
            "<link rel=\"canonical\" href=\"https://news.example/canonical\">",
            body),
       "https://news.example/canonical", "", ""},
      {"og:url without a canonical link",
       Page("<meta property=\"og:url\" content=\"https://news.example/og\">", body),
       "https://news.example/og", "", ""},
      {"html lang", Page("", body, "lang=\"fr-FR\""), "", "fr-FR", ""},
      {"h1 when <title> repeats it with the site name",
       Page("<title>Rebels cross the river - The Example Daily</title>",
            "<h1>Rebels cross the river</h1>" + body),
       "", "", "Rebels cross the river"},
      {"h1 when og:title repeats it with the site name",
       Page("<meta property=\"og:title\" content=\"Rebels cross the river | Example Daily\">"
            "<title>Example Daily</title>",
            "<h1>Rebels cross the river</h1>" + body),
       "", "", "Rebels cross the river"},
      {"<title> alone", Page("<title>Rebels cross the river</title>", body), "", "",
       "Rebels cross the river"},
  };
  for (const Row& row : rows) {
    const Document d = Read(row.html);
    EXPECT_EQ(d.url, row.url) << row.description;
    EXPECT_EQ(d.language, row.language) << row.description;
    EXPECT_EQ(d.title, row.title) << row.description;
  }
}

TEST(ReadHtmlTest, FeedFieldsAreKept) {
  Document document;
  document.title = "Feed title";
  document.url = "https://feed.example/item";
  document.published = "2019-05-01";
  document.published_from = "feed";
  ReadHtml(Page("<title>Page title</title><link rel=\"canonical\" href=\"https://news.example/a\">"
                "<meta property=\"article:published_time\" content=\"2020-01-28\">",
                kArticle),
           testing::Resources().furniture, document);
  EXPECT_EQ(document.title, "Feed title");
  EXPECT_EQ(document.url, "https://feed.example/item");
  EXPECT_EQ(document.published, "2019-05-01");
  EXPECT_EQ(document.published_from, "feed");
}

struct BodyRow {
  std::string_view description;
  std::string html;
  std::vector<std::string_view> present;   // phrases the body must hold
  std::vector<std::string_view> absent;    // phrases the body must not hold
  std::vector<std::string_view> captions;  // phrases some caption must hold
};

TEST(ReadHtmlTest, Body) {
  const std::string article_with_figure =
      "<article><figure><img src=\"a.jpg\" alt=\"Smoke over the hills\">"
      "<figcaption>Smoke rises over the hills east of the town on Sunday.</figcaption></figure>" +
      std::string(kArticle.substr(9));  // kArticle without its opening <article>
  const std::vector<BodyRow> rows = {
      {"figcaption goes to the captions, not the body",
       Page("", article_with_figure),
       {"pushed into the northern outskirts", "carrying what they could"},
       {"Smoke rises over the hills"},
       {"Smoke rises over the hills east of the town"}},
      {"script, style, nav and footer text absent",
       Page("<style>.lead{color:red}</style>",
            "<nav><a href=\"/\">Home</a> <a href=\"/world\">World news section</a></nav>"
            "<script>var trackingPixelLoaded = true;</script>" +
                std::string(kArticle) +
                "<footer><p>Copyright Example Daily, every word of it, for all time.</p></footer>"),
       {"run out of fuel for its generators"},
       {"trackingPixelLoaded", "color:red", "World news section", "every word of it"},
       {}},
      {"link-heavy Related list absent",
       Page("", std::string(kArticle.substr(0, kArticle.size() - 10)) +
                    "<h2>Related</h2><ul>"
                    "<li><a href=\"/a\">Ceasefire talks stall in the capital once again</a></li>"
                    "<li><a href=\"/b\">Aid convoy attacked on the coast road at night</a></li>"
                    "<li><a href=\"/c\">Prices of bread double in the besieged districts</a></li>"
                    "</ul></article>"),
       {"many of them on foot"},
       {"Ceasefire talks stall", "Aid convoy attacked", "Prices of bread double"},
       {}},
      {"entities decoded",
       Page("",
            "<article><p>Fighters of the Syrian Democratic Forces &amp; their allies held the "
            "dam, officials said on Monday, despite repeated attacks by drones.</p>"
            "<p>Residents said the fighting had cut water to the town&#8217;s eastern districts "
            "for three days, and that the power station was hit twice.</p></article>"),
       {"Forces & their allies", "town’s eastern districts"},
       {"&amp;", "&#8217;"},
       {}},
  };
  for (const BodyRow& row : rows) {
    const Document d = Read(row.html);
    for (std::string_view phrase : row.present) {
      EXPECT_NE(d.text.find(phrase), std::string::npos)
          << row.description << ": body lacks [" << phrase << "]\nbody: " << d.text;
    }
    for (std::string_view phrase : row.absent) {
      EXPECT_EQ(d.text.find(phrase), std::string::npos)
          << row.description << ": body holds [" << phrase << "]\nbody: " << d.text;
    }
    for (std::string_view phrase : row.captions) {
      bool found = false;
      for (const std::string& c : d.captions) found = found || c.find(phrase) != std::string::npos;
      EXPECT_TRUE(found) << row.description << ": no caption holds [" << phrase << "]; captions "
                         << ::testing::PrintToString(d.captions);
    }
    EXPECT_TRUE(d.complete) << row.description;
  }
}

TEST(ReadHtmlTest, TruncatedPageIsReadAndFlagged) {
  const std::string html =
      "<!DOCTYPE html><html lang=\"en\"><head><title>Town falls</title></head><body><article>"
      "<p>Government forces pushed into the northern outskirts of the town overnight, residents "
      "said, after a week of artillery fire on the roads leading south.</p>"
      "<p>A local official said at least 14 people had been killed since Saturday, and that the "
      "hospital had run out of fuel for its gene";
  const Document d = Read(html);
  EXPECT_FALSE(d.complete);
  ASSERT_FALSE(d.warnings.empty());
  bool mentions = false;
  for (const std::string& w : d.warnings)
    mentions = mentions || w.find("truncated") != std::string::npos;
  EXPECT_TRUE(mentions) << ::testing::PrintToString(d.warnings);
  EXPECT_NE(d.text.find("pushed into the northern outskirts"), std::string::npos) << d.text;
  EXPECT_NE(d.text.find("at least 14 people had been killed"), std::string::npos) << d.text;
}

TEST(ReadHtmlTest, CompletePageHasNoWarning) {
  const Document d = Read(Page("<title>Town falls</title>", kArticle));
  EXPECT_TRUE(d.complete);
  EXPECT_TRUE(d.warnings.empty()) << ::testing::PrintToString(d.warnings);
}

TEST(ReadHtmlTest, DeeplyNestedDivsDoNotCrash) {
  std::string html = Page("<title>Deep</title>", std::string(kArticle) + "@@NEST@@");
  std::string nest;
  for (int i = 0; i < 5000; ++i) nest += "<div>";
  nest += "deep text";
  for (int i = 0; i < 5000; ++i) nest += "</div>";
  html.replace(html.find("@@NEST@@"), 8, nest);
  const Document d = Read(html);
  EXPECT_NE(d.text.find("pushed into the northern outskirts"), std::string::npos);
}

TEST(ReadHtmlTest, HostileNestingInHeadlineAndParagraphDoesNotCrash) {
  // 200,000 nested inline elements inside the <h1> (read for the title) and inside a
  // paragraph: every walk over the tree is depth-bounded.
  std::string deep_h1 = "<h1>";
  for (int i = 0; i < 200000; ++i) deep_h1 += "<span>";
  deep_h1 += "headline";
  for (int i = 0; i < 200000; ++i) deep_h1 += "</span>";
  deep_h1 += "</h1>";
  std::string deep_p = "<p>";
  for (int i = 0; i < 100000; ++i) deep_p += "<b>";
  deep_p += "A paragraph, nested far too deep, with commas, to be scored.";
  for (int i = 0; i < 100000; ++i) deep_p += "</b>";
  deep_p += "</p>";
  const Document d = Read(Page("<title>Deep</title>", deep_h1 + std::string(kArticle) + deep_p));
  EXPECT_NE(d.text.find("pushed into the northern outskirts"), std::string::npos);
}

TEST(SniffHtmlCharsetTest, Table) {
  struct Row {
    std::string_view html;
    std::string_view want;
  };
  const std::vector<Row> rows = {
      {"<html><head><meta charset=\"windows-1256\"></head>", "windows-1256"},
      {"<html><head><META CHARSET='UTF-8'>", "utf-8"},
      {"<meta charset=iso-8859-1>", "iso-8859-1"},
      {"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">",
       "windows-1251"},
      {"<meta http-equiv=\"content-type\" content=\"text/html;charset=Shift_JIS\">", "shift_jis"},
      {"<html><head><title>No charset here</title></head>", ""},
      {"", ""},
  };
  for (const Row& row : rows) {
    // Charset names are case-insensitive: compare lower-cased.
    std::string got = SniffHtmlCharset(row.html);
    for (char& c : got) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(got, row.want) << "[" << row.html << "]";
  }
}

TEST(SniffHtmlCharsetTest, OnlyTheFirstKilobytesCount) {
  const std::string late = std::string(8192, ' ') + "<meta charset=\"windows-1256\">";
  EXPECT_EQ(SniffHtmlCharset(late), "");
}

TEST(LooksLikeHtmlTest, Table) {
  struct Row {
    std::string_view bytes;
    bool want;
  };
  const std::vector<Row> rows = {
      {"<!DOCTYPE html><html><body></body></html>", true},
      {"  \n<!doctype html>", true},
      {"<html lang=\"en\">", true},
      {"<head><title>x</title></head>", true},
      {"<body><p>Text</p></body>", true},
      {"<div><p>One paragraph.</p><p>Another paragraph.</p></div>", true},
      {"Shelling resumed at dawn.\n\nResidents fled.", false},
      {"He wrote that 3 < 5 and that <b> is bold.", false},
      {"", false},
  };
  for (const Row& row : rows)
    EXPECT_EQ(LooksLikeHtml(row.bytes), row.want) << "[" << row.bytes << "]";
}

}  // namespace
}  // namespace frontline::doc
