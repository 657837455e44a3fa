// Compressed and web-archive inputs, read as streams: gzip, zstd, xz and bzip2 (decompressed by
// libarchive, whatever the file is called), and WARC files (Common Crawl's news crawl: response
// records holding an HTTP response with an HTML page), compressed or not.
#ifndef FRONTLINE_DOC_ARCHIVE_H_
#define FRONTLINE_DOC_ARCHIVE_H_

#include <cstddef>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "doc/document.h"
#include "doc/source.h"

namespace frontline::doc {

// Whether `head` (the first bytes of an input) starts a compressed stream that
// DecompressingStream reads.
bool IsCompressed(std::string_view head);

// `name` without a compression suffix ("feed.jsonl.gz" -> "feed.jsonl"), so that the format of
// what is inside is told by its name.
std::string WithoutCompressionSuffix(std::string_view name);

// A stream of the decompressed bytes of `in`, whose first bytes `head` were already read from
// it. Reading stops at the end of the data or at the first error (a corrupt or truncated
// stream); error() then says what, and how far it got.
class DecompressingStream : public std::istream {
 public:
  DecompressingStream(std::istream& in, std::string head);
  ~DecompressingStream() override;
  // Empty when the data ended cleanly.
  std::string error() const;
  // Decompressed bytes delivered so far.
  uint64_t produced() const;

 private:
  class Buffer;
  std::unique_ptr<Buffer> buffer_;
};

// Reads the WARC records of `in` (head: its first bytes, already read). Each response record
// whose HTTP status is 2xx and whose payload is HTML (or text) becomes one raw document, its URL
// the record's WARC-Target-URI, its charset the HTTP Content-Type's; `line` holds the record's
// number. Other records (requests, metadata, redirects) are skipped. A record that cannot be
// read (a malformed header, a body cut short) is reported with its number, and reading goes on
// at the next record found. Returns the number of problems reported.
size_t ReadWarc(const std::string& name, std::istream& in, std::string head,
                const SourceOptions& options, const DocumentSink& documents,
                const ProblemSink& problems);

}  // namespace frontline::doc

#endif  // FRONTLINE_DOC_ARCHIVE_H_
