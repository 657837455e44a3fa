// Compressed feeds and pages, and web archives (WARC), read as streams: every record found, its
// URL and charset kept, other records skipped, and damage (a truncated archive, a malformed
// record, a decompression bomb) reported with where it is while the rest is still read.
#include "doc/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "doc/source.h"
#include "testing.h"

namespace frontline::doc {
namespace {

// `data` compressed with libarchive's writer ("gzip", "zstd", "xz", "bzip2").
std::string Compress(std::string_view data, const std::string& filter) {
  struct archive* a = archive_write_new();
  EXPECT_EQ(archive_write_add_filter_by_name(a, filter.c_str()), ARCHIVE_OK) << filter;
  archive_write_set_format_raw(a);
  archive_write_set_bytes_in_last_block(a, 1);
  std::string out;
  archive_write_open(
      a, &out, nullptr,
      [](struct archive*, void* client, const void* buffer, size_t length) -> la_ssize_t {
        static_cast<std::string*>(client)->append(static_cast<const char*>(buffer), length);
        return static_cast<la_ssize_t>(length);
      },
      nullptr);
  struct archive_entry* entry = archive_entry_new();
  archive_entry_set_filetype(entry, AE_IFREG);
  archive_write_header(a, entry);
  archive_write_data(a, data.data(), data.size());
  archive_entry_free(entry);
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

struct Read {
  std::vector<RawDocument> documents;
  std::vector<std::pair<std::string, std::string>> problems;
};

Read ReadInput(const std::string& path, size_t max_bytes = size_t{64} << 20) {
  Read read;
  SourceOptions options;
  options.max_document_bytes = max_bytes;
  ReadSources({path}, options, [&](RawDocument&& raw) { read.documents.push_back(std::move(raw)); },
              [&](const std::string& where, const std::string& what) { read.problems.emplace_back(where, what); });
  return read;
}

std::string Problems(const Read& read) {
  std::string out;
  for (const auto& [where, what] : read.problems) out += where + ": " + what + "\n";
  return out;
}

// The project's own test records.
std::string Feed() {
  return R"({"url": "https://example.org/1", "text": "Shelling hit the town on Monday."})"
         "\n"
         R"({"url": "https://example.org/2", "text": "Rebels withdrew from the village."})"
         "\n"
         R"({"url": "https://example.org/3", "html": "<p>Clashes went on overnight.</p>"})"
         "\n";
}

std::string WarcRecord(std::string_view type, std::string_view uri, std::string_view content_type,
                       std::string_view block) {
  return "WARC/1.0\r\nWARC-Type: " + std::string(type) +
         "\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\nWARC-Date: "
         "2020-01-29T10:00:00Z\r\nWARC-Target-URI: " +
         std::string(uri) + "\r\nContent-Type: " + std::string(content_type) +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + std::string(block) +
         "\r\n\r\n";
}

std::string HttpResponse(std::string_view status, std::string_view headers, std::string_view body) {
  return "HTTP/1.1 " + std::string(status) + "\r\n" + std::string(headers) + "\r\n" + std::string(body);
}

const std::string kPage = "<html><body><article><p>Troops entered the town at dawn.</p></article></body></html>";

// A small crawl: what is not an article's page is skipped.
std::vector<std::string> Crawl() {
  return {
      WarcRecord("warcinfo", "", "application/warc-fields", "software: test\r\n"),
      WarcRecord("request", "https://news.example/a", "application/http; msgtype=request",
                 "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n"),
      WarcRecord("response", "https://news.example/a", "application/http; msgtype=response",
                 HttpResponse("200 OK", "Content-Type: text/html; charset=ISO-8859-1\r\n", kPage)),
      WarcRecord("response", "https://news.example/missing", "application/http; msgtype=response",
                 HttpResponse("404 Not Found", "Content-Type: text/html\r\n", "<p>gone</p>")),
      WarcRecord("response", "https://news.example/logo.png", "application/http; msgtype=response",
                 HttpResponse("200 OK", "Content-Type: image/png\r\n", "\x89PNG")),
      WarcRecord("response", "https://news.example/b", "application/http; msgtype=response",
                 HttpResponse("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                              "11\r\n<p>Airstrikes hit\r\n7\r\n again.\r\n0\r\n\r\n")),
      WarcRecord("metadata", "https://news.example/b", "application/warc-fields", "fetchTimeMs: 12\r\n"),
  };
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += p;
  return out;
}

void ExpectCrawl(const Read& read) {
  ASSERT_EQ(read.documents.size(), 2u) << Problems(read);
  EXPECT_EQ(read.documents[0].url, "https://news.example/a");
  EXPECT_EQ(read.documents[0].format, Format::kHtml);
  EXPECT_EQ(read.documents[0].charset, "iso-8859-1");
  EXPECT_EQ(read.documents[0].bytes, kPage);
  EXPECT_EQ(read.documents[0].line, 3u);  // the record's number
  EXPECT_EQ(read.documents[1].url, "https://news.example/b");
  EXPECT_EQ(read.documents[1].bytes, "<p>Airstrikes hit again.");
}

TEST(ArchiveTest, CompressedFeedsAndPages) {
  testing::TempDir dir;
  for (const char* filter : {"gzip", "zstd", "xz", "bzip2"}) {
    const std::string path = dir.Write(std::string("feed.jsonl.") + filter, Compress(Feed(), filter));
    const Read read = ReadInput(path);
    ASSERT_EQ(read.documents.size(), 3u) << filter << "\n" << Problems(read);
    EXPECT_TRUE(read.problems.empty()) << Problems(read);
    EXPECT_EQ(read.documents[2].url, "https://example.org/3");
    EXPECT_EQ(read.documents[2].Where(), path + ":3");
  }
  // A page, its format told by its name without ".gz"; and a name that says nothing.
  const Read page = ReadInput(dir.Write("page.html.gz", Compress(kPage, "gzip")));
  ASSERT_EQ(page.documents.size(), 1u) << Problems(page);
  EXPECT_EQ(page.documents[0].format, Format::kHtml);
  EXPECT_EQ(ReadInput(dir.Write("download", Compress(Feed(), "zstd"))).documents.size(), 3u);
}

TEST(ArchiveTest, WarcPlainAndCompressed) {
  testing::TempDir dir;
  ExpectCrawl(ReadInput(dir.Write("crawl.warc", Join(Crawl()))));
  // Common Crawl's layout: each record a gzip member of its own, the members concatenated.
  std::string members;
  for (const std::string& record : Crawl()) members += Compress(record, "gzip");
  ExpectCrawl(ReadInput(dir.Write("crawl.warc.gz", members)));
  ExpectCrawl(ReadInput(dir.Write("crawl.warc.zst", Compress(Join(Crawl()), "zstd"))));
  // Sniffed by its first bytes whatever its name.
  ExpectCrawl(ReadInput(dir.Write("segment-00001", Join(Crawl()))));
}

TEST(ArchiveTest, TruncatedArchivesKeepWhatCameBefore) {
  testing::TempDir dir;
  // A crawl of 300 records cut inside its last response's member: the records before the cut
  // are read (all but what the decompressor held when the data ended: at most 64 KiB of it),
  // then the damage is said.
  std::string members;
  for (int copy = 0; copy < 50; ++copy)
    for (const std::string& record : Crawl()) members += Compress(record, "gzip");
  const size_t cut = members.size() - Compress(Crawl()[6], "gzip").size() - 20;
  const Read gz = ReadInput(dir.Write("cut.warc.gz", members.substr(0, cut)));
  EXPECT_GE(gz.documents.size(), 60u) << Problems(gz);
  EXPECT_LT(gz.documents.size(), 100u);
  ASSERT_FALSE(gz.documents.empty());
  EXPECT_EQ(gz.documents[0].url, "https://news.example/a");
  ASSERT_FALSE(gz.problems.empty());
  EXPECT_NE(Problems(gz).find("truncated"), std::string::npos) << Problems(gz);
  // A plain archive cut inside a record's block.
  const std::string plain = Join(Crawl());
  const size_t in_b = plain.find("Airstrikes");
  const Read cut_plain = ReadInput(dir.Write("cut.warc", plain.substr(0, in_b)));
  ASSERT_EQ(cut_plain.documents.size(), 1u) << Problems(cut_plain);
  ASSERT_EQ(cut_plain.problems.size(), 1u) << Problems(cut_plain);
  EXPECT_NE(cut_plain.problems[0].first.find("cut.warc:6"), std::string::npos) << Problems(cut_plain);
  EXPECT_NE(cut_plain.problems[0].second.find("truncated"), std::string::npos);
  // A zstd feed cut in two: what decompressed before the cut is read, then the damage said.
  std::string many;
  std::mt19937 random(5);  // varied records, so that the compressed data has many blocks
  for (int i = 0; i < 6000; ++i) {
    many += R"({"url": "https://example.org/)" + std::to_string(random()) + R"(", "text": "Shelling hit district )" +
            std::to_string(random()) + " " + std::to_string(random()) + R"( on Monday."})" + "\n";
  }
  const std::string feed = Compress(many, "zstd");
  const Read damaged = ReadInput(dir.Write("damaged.jsonl.zst", feed.substr(0, feed.size() / 2)));
  EXPECT_GT(damaged.documents.size(), 100u);
  EXPECT_LT(damaged.documents.size(), 6000u);
  EXPECT_NE(Problems(damaged).find("corrupt or truncated compressed data"), std::string::npos)
      << Problems(damaged);
}

TEST(ArchiveTest, MalformedRecordsAreSkippedAndReadingGoesOn) {
  testing::TempDir dir;
  std::vector<std::string> records = Crawl();
  // Record 2 loses its Content-Length; record 4 is replaced by garbage.
  const size_t at = records[1].find("Content-Length");
  records[1] = records[1].substr(0, at) + "Content-Lenght: 5\r\n\r\nGET /\r\n\r\n";
  records[3] = "this is not a WARC record\r\nat all\r\n\r\n";
  const Read read = ReadInput(dir.Write("bad.warc", Join(records)));
  ExpectCrawl(Read{read.documents, {}});
  ASSERT_EQ(read.problems.size(), 2u) << Problems(read);
  EXPECT_NE(read.problems[0].second.find("without a valid Content-Length"), std::string::npos);
  EXPECT_NE(read.problems[1].second.find("no WARC record"), std::string::npos);
  // A newer version than this reader knows, and a compressed HTTP body.
  const Read odd = ReadInput(dir.Write("odd.warc",
      "WARC/2.0\r\nContent-Length: 0\r\n\r\n\r\n\r\n" +
      WarcRecord("response", "https://news.example/z", "application/http; msgtype=response",
                 HttpResponse("200 OK", "Content-Type: text/html\r\nContent-Encoding: br\r\n", "xx")) +
      Crawl()[2]));
  ASSERT_EQ(odd.documents.size(), 1u) << Problems(odd);
  EXPECT_NE(Problems(odd).find("unsupported WARC version"), std::string::npos) << Problems(odd);
  EXPECT_NE(Problems(odd).find("compressed with \"br\""), std::string::npos) << Problems(odd);
}

TEST(ArchiveTest, DecompressionBombsStopAtTheLimit) {
  testing::TempDir dir;
  // 32 MiB of zeros compress to a few tens of KB; the document limit is 1 MiB.
  const std::string bomb = Compress(std::string(size_t{32} << 20, '\0'), "gzip");
  EXPECT_LT(bomb.size(), size_t{200} << 10);
  const Read read = ReadInput(dir.Write("bomb.html.gz", bomb), size_t{1} << 20);
  EXPECT_TRUE(read.documents.empty());
  ASSERT_EQ(read.problems.size(), 1u) << Problems(read);
  EXPECT_NE(read.problems[0].second.find("larger than the limit"), std::string::npos);
  // A WARC record larger than the limit is skipped, not held.
  const std::string big = WarcRecord("response", "https://news.example/big", "application/http; msgtype=response",
                                     HttpResponse("200 OK", "Content-Type: text/html\r\n", std::string(size_t{2} << 20, 'x')));
  const Read warc = ReadInput(dir.Write("big.warc.gz", Compress(big + Crawl()[2], "gzip")), size_t{1} << 20);
  ASSERT_EQ(warc.documents.size(), 1u) << Problems(warc);
  EXPECT_NE(Problems(warc).find("exceeds the limit"), std::string::npos);
}

}  // namespace
}  // namespace frontline::doc
