#include "doc/archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <streambuf>

namespace frontline::doc {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool IsCompressed(std::string_view head) {
  return StartsWith(head, "\x1f\x8b") ||                 // gzip
         StartsWith(head, "\x28\xb5\x2f\xfd") ||         // zstd
         StartsWith(head, "\xfd\x37\x7a\x58\x5a\x00") ||  // xz
         StartsWith(head, "BZh");                        // bzip2
}

std::string WithoutCompressionSuffix(std::string_view name) {
  for (const std::string_view suffix : {".gz", ".gzip", ".zst", ".zstd", ".xz", ".bz2"}) {
    if (name.size() > suffix.size() && Lower(name.substr(name.size() - suffix.size())) == suffix)
      return std::string(name.substr(0, name.size() - suffix.size()));
  }
  return std::string(name);
}

// The decompressed bytes of a stream, through libarchive's "raw" format (one entry: the data)
// and its decompression filters.
class DecompressingStream::Buffer : public std::streambuf {
 public:
  Buffer(std::istream& in, std::string head) : in_(in), head_(std::move(head)) {
    archive_ = archive_read_new();
    archive_read_support_filter_all(archive_);
    archive_read_support_format_raw(archive_);
    if (archive_read_open(archive_, this, nullptr, &Buffer::Read, nullptr) != ARCHIVE_OK ||
        archive_read_next_header(archive_, &entry_) != ARCHIVE_OK) {
      Fail();
    }
  }
  ~Buffer() override { archive_read_free(archive_); }

  std::string error() const { return error_; }
  uint64_t produced() const { return produced_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (!error_.empty() || done_) return traits_type::eof();
    const la_ssize_t n = archive_read_data(archive_, data_, sizeof data_);
    if (n < 0) {
      Fail();
      return traits_type::eof();
    }
    if (n == 0) {
      done_ = true;
      return traits_type::eof();
    }
    produced_ += static_cast<uint64_t>(n);
    setg(data_, data_, data_ + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  static la_ssize_t Read(struct archive*, void* self, const void** buffer) {
    auto* b = static_cast<Buffer*>(self);
    if (!b->head_.empty()) {
      b->chunk_.swap(b->head_);
      b->head_.clear();
      *buffer = b->chunk_.data();
      return static_cast<la_ssize_t>(b->chunk_.size());
    }
    b->chunk_.resize(1 << 16);
    b->in_.read(b->chunk_.data(), static_cast<std::streamsize>(b->chunk_.size()));
    *buffer = b->chunk_.data();
    return static_cast<la_ssize_t>(b->in_.gcount());
  }

  void Fail() {
    const char* what = archive_error_string(archive_);
    error_ = fmt::format("{} (after {} bytes of decompressed data)",
                         what != nullptr ? what : "the compressed data cannot be read", produced_);
  }

  std::istream& in_;
  std::string head_;
  std::string chunk_;
  struct archive* archive_ = nullptr;
  struct archive_entry* entry_ = nullptr;
  char data_[1 << 16];
  std::string error_;
  bool done_ = false;
  uint64_t produced_ = 0;
};

DecompressingStream::DecompressingStream(std::istream& in, std::string head)
    : std::istream(nullptr), buffer_(std::make_unique<Buffer>(in, std::move(head))) {
  rdbuf(buffer_.get());
}

DecompressingStream::~DecompressingStream() = default;

std::string DecompressingStream::error() const { return buffer_->error(); }
uint64_t DecompressingStream::produced() const { return buffer_->produced(); }

namespace {

// The bytes of a WARC stream, read by lines (headers) and by counts (record blocks).
class WarcInput {
 public:
  WarcInput(std::istream& in, std::string head) : in_(in), buffer_(std::move(head)) {}

  // The next line without its line end; false at the end of the stream. Lines longer than
  // `max` are cut (their rest is skipped).
  bool Line(std::string& line, size_t max) {
    line.clear();
    for (;;) {
      const size_t eol = buffer_.find('\n', pos_);
      const size_t end = eol == std::string::npos ? buffer_.size() : eol;
      if (line.size() < max) line.append(buffer_, pos_, std::min(end - pos_, max - line.size()));
      if (eol != std::string::npos) {
        pos_ = eol + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
      }
      pos_ = buffer_.size();
      if (!Fill()) return !line.empty();
    }
  }

  // The next `n` bytes into `out` (appended); false when the stream ends first.
  bool Bytes(uint64_t n, std::string* out) {
    while (n > 0) {
      if (pos_ == buffer_.size() && !Fill()) return false;
      const size_t take = static_cast<size_t>(std::min<uint64_t>(n, buffer_.size() - pos_));
      if (out != nullptr) out->append(buffer_, pos_, take);
      pos_ += take;
      n -= take;
    }
    return true;
  }

 private:
  bool Fill() {
    buffer_.erase(0, pos_);
    pos_ = 0;
    const size_t had = buffer_.size();
    buffer_.resize(had + (1 << 16));
    in_.read(buffer_.data() + had, 1 << 16);
    buffer_.resize(had + static_cast<size_t>(in_.gcount()));
    return buffer_.size() > had;
  }

  std::istream& in_;
  std::string buffer_;
  size_t pos_ = 0;
};

struct Headers {
  std::vector<std::pair<std::string, std::string>> fields;  // lower-case name, value
  std::string Get(std::string_view name) const {
    for (const auto& [n, v] : fields)
      if (n == name) return v;
    return std::string();
  }
};

// "Name: value" into `headers`; false for a line that is not a header.
bool AddHeader(std::string_view line, Headers& headers) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  headers.fields.emplace_back(Lower(Trim(line.substr(0, colon))), std::string(Trim(line.substr(colon + 1))));
  return true;
}

// The body of a chunked HTTP message; nullopt when the chunks are malformed.
std::optional<std::string> Dechunk(std::string_view body) {
  std::string out;
  while (true) {
    const size_t eol = body.find('\n');
    if (eol == std::string_view::npos) return std::nullopt;
    std::string_view size_text = Trim(body.substr(0, body.find_first_of(";\r\n")));
    uint64_t size = 0;
    const auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
    if (ec != std::errc() || end != size_text.data() + size_text.size()) return std::nullopt;
    body.remove_prefix(eol + 1);
    if (size == 0) return out;
    if (size > body.size()) return std::nullopt;
    out.append(body.substr(0, size));
    body.remove_prefix(size);
    if (StartsWith(body, "\r\n")) body.remove_prefix(2);
    else if (StartsWith(body, "\n")) body.remove_prefix(1);
  }
}

}  // namespace

size_t ReadWarc(const std::string& name, std::istream& in, std::string head,
                const SourceOptions& options, const DocumentSink& documents,
                const ProblemSink& problems) {
  WarcInput input(in, std::move(head));
  size_t count = 0;
  uint64_t record = 0;
  std::string line;
  auto problem = [&](uint64_t number, const std::string& what) {
    problems(fmt::format("{}:{}", name, number), what);
    ++count;
  };
  bool in_sync = true;  // false after a problem, until the next record's first line
  while (true) {
    // The record's version line; blank lines between records are allowed.
    bool found = false;
    uint64_t skipped = 0;
    while (input.Line(line, 256)) {
      if (StartsWith(line, "WARC/")) {
        found = true;
        break;
      }
      if (!line.empty()) skipped += line.size() + 1;
    }
    if (skipped > 0 && in_sync) {
      problem(record + 1, fmt::format("{} bytes that are no WARC record skipped", skipped));
    }
    if (!found) break;
    ++record;
    in_sync = true;
    if (line != "WARC/1.0" && line != "WARC/1.1") {
      problem(record, fmt::format("unsupported WARC version \"{}\"; record skipped", line.substr(0, 40)));
      in_sync = false;
      continue;
    }
    Headers warc;
    bool malformed = false;
    size_t header_bytes = 0;
    while (input.Line(line, 8192) && !line.empty()) {
      header_bytes += line.size();
      if (header_bytes > 65536 || !AddHeader(line, warc)) {
        malformed = true;
        break;
      }
    }
    const std::string length_text = warc.Get("content-length");
    uint64_t length = 0;
    const auto [end, ec] = std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
    if (malformed || length_text.empty() || ec != std::errc() ||
        end != length_text.data() + length_text.size()) {
      problem(record, malformed ? "malformed WARC header; looking for the next record"
                                : "WARC record without a valid Content-Length; looking for the next record");
      in_sync = false;
      continue;
    }
    const std::string type = Lower(warc.Get("warc-type"));
    const bool wanted = type == "response" && StartsWith(Lower(warc.Get("content-type")), "application/http");
    if (!wanted || length > options.max_document_bytes) {
      if (wanted) {
        problem(record, fmt::format("record of {} bytes exceeds the limit of {} bytes", length,
                                    options.max_document_bytes));
      }
      if (!input.Bytes(length, nullptr)) {
        problem(record, "the archive ends inside this record (truncated)");
        break;
      }
      continue;
    }
    std::string block;
    block.reserve(static_cast<size_t>(length));
    if (!input.Bytes(length, &block)) {
      problem(record, fmt::format("the archive ends inside this record (truncated: {} of {} bytes)",
                                  block.size(), length));
      break;
    }
    // The HTTP response: status line, headers, body.
    const size_t split = block.find("\r\n\r\n");
    const size_t split_lf = block.find("\n\n");
    size_t body_at = std::string::npos, headers_end = std::string::npos;
    if (split != std::string::npos && (split_lf == std::string::npos || split < split_lf)) {
      headers_end = split;
      body_at = split + 4;
    } else if (split_lf != std::string::npos) {
      headers_end = split_lf;
      body_at = split_lf + 2;
    }
    if (body_at == std::string::npos || !StartsWith(block, "HTTP/")) {
      problem(record, "response record without an HTTP response in it");
      continue;
    }
    std::string_view header_text(block.data(), headers_end);
    const size_t first_eol = header_text.find('\n');
    const std::string_view status_line = Trim(header_text.substr(0, first_eol));
    const size_t space = status_line.find(' ');
    const std::string_view status = space == std::string_view::npos ? "" : status_line.substr(space + 1, 3);
    Headers http;
    if (first_eol != std::string_view::npos) {
      std::string_view rest = header_text.substr(first_eol + 1);
      while (!rest.empty()) {
        const size_t eol = rest.find('\n');
        AddHeader(Trim(rest.substr(0, eol)), http);
        if (eol == std::string_view::npos) break;
        rest.remove_prefix(eol + 1);
      }
    }
    if (status.size() != 3 || status[0] != '2') continue;  // redirects, errors: no article
    const std::string content_type = Lower(http.Get("content-type"));
    Format format;
    if (content_type.empty() || StartsWith(content_type, "text/html") ||
        StartsWith(content_type, "application/xhtml")) {
      format = Format::kHtml;
    } else if (StartsWith(content_type, "text/plain")) {
      format = Format::kText;
    } else {
      continue;  // images, scripts, PDFs
    }
    const std::string encoding = Lower(http.Get("content-encoding"));
    if (!encoding.empty() && encoding != "identity") {
      problem(record, fmt::format("HTTP body compressed with \"{}\": skipped", encoding.substr(0, 20)));
      continue;
    }
    std::string body = block.substr(body_at);
    if (Lower(http.Get("transfer-encoding")).find("chunked") != std::string::npos) {
      std::optional<std::string> plain = Dechunk(body);
      if (!plain) {
        problem(record, "malformed chunked HTTP body: skipped");
        continue;
      }
      body = std::move(*plain);
    }
    RawDocument raw;
    raw.origin = name;
    raw.line = record;
    raw.format = format;
    raw.url = warc.Get("warc-target-uri");
    if (StartsWith(raw.url, "<") && raw.url.size() > 1 && raw.url.back() == '>')  // WARC/1.0's <uri>
      raw.url = raw.url.substr(1, raw.url.size() - 2);
    const size_t charset = content_type.find("charset=");
    if (charset != std::string::npos) {
      std::string_view value = std::string_view(content_type).substr(charset + 8);
      value = value.substr(0, value.find(';'));
      raw.charset = std::string(Trim(value));
      raw.charset.erase(std::remove(raw.charset.begin(), raw.charset.end(), '"'), raw.charset.end());
    }
    raw.bytes = std::move(body);
    documents(std::move(raw));
  }
  return count;
}

}  // namespace frontline::doc
