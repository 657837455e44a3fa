// Whole pages: every tests/doc/pages/NAME.html with a NAME.expect file of assertions (format in
// tests/doc/pages/README.md) goes through the pipeline; each failed assertion is reported with
// the file and line of the .expect file that states it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "testing.h"

namespace frontline::doc {
namespace {

namespace fs = std::filesystem;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// Checks one assertion line against `d`; returns an empty string when it holds, else what failed.
std::string Check(std::string_view line, const Document& d) {
  auto value_after = [&](std::string_view key) -> std::optional<std::string_view> {
    if (!line.starts_with(key)) return std::nullopt;
    return Trim(line.substr(key.size()));
  };
  if (auto v = value_after("title:")) {
    return d.title == *v ? "" : "title is [" + d.title + "], want [" + std::string(*v) + "]";
  }
  if (auto v = value_after("published:")) {
    // YYYY-MM-DD matches the date alone; a full timestamp must match exactly.
    const bool date_only = v->size() == 10;
    const bool ok = date_only ? d.published.substr(0, 10) == *v : d.published == *v;
    return ok ? "" : "published is [" + d.published + "], want [" + std::string(*v) + "]";
  }
  if (auto v = value_after("lang:")) {
    return d.language == *v ? "" : "lang is [" + d.language + "], want [" + std::string(*v) + "]";
  }
  if (auto v = value_after("url:")) {
    return d.url == *v ? "" : "url is [" + d.url + "], want [" + std::string(*v) + "]";
  }
  if (auto v = value_after("caption:")) {
    for (const std::string& c : d.captions)
      if (c.find(*v) != std::string::npos) return "";
    return "no caption holds [" + std::string(*v) +
           "]; captions: " + ::testing::PrintToString(d.captions);
  }
  if (line.starts_with("+ ")) {
    const std::string_view phrase = line.substr(2);
    return d.text.find(phrase) != std::string::npos ? ""
                                                    : "body lacks [" + std::string(phrase) + "]";
  }
  if (line.starts_with("- ")) {
    const std::string_view phrase = line.substr(2);
    return d.text.find(phrase) == std::string::npos ? ""
                                                    : "body holds [" + std::string(phrase) + "]";
  }
  return "unknown assertion";
}

TEST(PagesTest, EveryPageMeetsItsExpectations) {
  const fs::path dir = fs::path(testing::SourceDir()) / "tests/doc/pages";
  std::vector<fs::path> pages;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".html" &&
        fs::exists(fs::path(entry.path()).replace_extension(".expect"))) {
      pages.push_back(entry.path());
    }
  }
  std::sort(pages.begin(), pages.end());
  ASSERT_FALSE(pages.empty()) << "no page with a .expect file in " << dir;

  size_t assertions = 0, failures = 0;
  for (const fs::path& page : pages) {
    RawDocument raw;
    raw.origin = page.string();
    raw.format = Format::kHtml;
    raw.bytes = testing::ReadFileOrDie(page.string());
    const Result<pipeline::Record> record = testing::Pipeline().Process(raw);
    const fs::path expect = fs::path(page).replace_extension(".expect");
    if (!record.ok()) {
      ADD_FAILURE() << page.filename().string()
                    << ": cannot be read: " << record.status().message();
      continue;
    }
    const std::string contents = testing::ReadFileOrDie(expect.string());
    int line_no = 0;
    size_t pos = 0;
    while (pos < contents.size()) {
      size_t eol = contents.find('\n', pos);
      if (eol == std::string::npos) eol = contents.size();
      std::string_view line = std::string_view(contents).substr(pos, eol - pos);
      pos = eol + 1;
      ++line_no;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (Trim(line).empty() || line.starts_with("#")) continue;
      ++assertions;
      const std::string failure = Check(line, record.value().document);
      if (!failure.empty()) {
        ++failures;
        ADD_FAILURE() << "tests/doc/pages/" << expect.filename().string() << ":" << line_no << ": "
                      << failure;
      }
    }
  }
  std::cout << "[     PAGES] " << (assertions - failures) << " of " << assertions
            << " assertions hold over " << pages.size() << " pages\n";
}

}  // namespace
}  // namespace frontline::doc
